import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";

// Server-side request forgery: a webhook URL must not reach into the network the server sits in —
// loopback, private, link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast,
// unspecified — unless the operator allows the host (KEFU_WEBHOOK_ALLOW_HOSTS). Checked when an
// endpoint is saved (a clear answer) and again on every connection, on the address actually dialled
// (a name that resolved to a public address when saved may not any more).

const blocked = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96],
] as const)
  blocked.addSubnet(network, prefix, "ipv6");

/** Whether an address is inside the server's own network (IPv4-mapped IPv6 read as IPv4). */
export function isInternalAddress(address: string): boolean {
  const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i)?.[1];
  if (mapped) return blocked.check(mapped, "ipv4");
  const family = isIP(address);
  if (!family) return true;
  return blocked.check(address, family === 4 ? "ipv4" : "ipv6");
}

let allowedHosts = new Set<string>();

/** The hosts the operator allows whatever they resolve to (KEFU_WEBHOOK_ALLOW_HOSTS). */
export function allowWebhookHosts(hosts: string[]) {
  allowedHosts = new Set(hosts.map((h) => h.toLowerCase()));
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, "").toLowerCase();

/** Null when the URL may be called; else why not ("internal": it resolves inside; "unresolvable"). */
export async function targetProblem(raw: string): Promise<"internal" | "unresolvable" | null> {
  const url = new URL(raw);
  const host = hostOf(url);
  if (allowedHosts.has(host)) return null;
  if (isIP(host)) return isInternalAddress(host) ? "internal" : null;
  const addresses = await new Promise<LookupAddress[] | null>((resolve) =>
    dnsLookup(host, { all: true }, (error, found) => resolve(error ? null : found)),
  );
  if (!addresses?.length) return "unresolvable";
  return addresses.some((a) => isInternalAddress(a.address)) ? "internal" : null;
}

/** The connection was refused because the name resolved to an internal address. */
export class InternalAddressRefused extends Error {}

/**
 * A `lookup` for http(s).request that refuses internal addresses at connection time, unless the
 * URL's host is allowed.
 */
export function guardedLookup(url: URL) {
  const allowed = allowedHosts.has(hostOf(url));
  return (
    hostname: string,
    options: object,
    callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = !allowed && addresses.find((a) => isInternalAddress(a.address));
      if (refused) return callback(new InternalAddressRefused(`refused ${refused.address}`), []);
      const all = (options as { all?: boolean }).all;
      if (all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
