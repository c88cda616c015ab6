import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

/**
 * A company system on loopback receiving Kefu's webhooks: it checks each delivery's signature with
 * the Standard Webhooks library and the secret it was given, and answers `status` (200 by default).
 */
export async function webhookReceiver(path: string) {
  const state = {
    secret: "",
    status: 200,
    received: [] as { id: string; type: string; data: Record<string, unknown>; verified: boolean }[],
  };
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      let verified = false;
      try {
        new Webhook(state.secret).verify(
          body,
          request.headers as IncomingHttpHeaders & Record<string, string>,
        );
        verified = true;
      } catch {}
      const parsed = JSON.parse(body);
      state.received.push({
        id: String(request.headers["webhook-id"]),
        type: parsed.type,
        data: parsed.data,
        verified,
      });
      response.writeHead(state.status, { "content-type": "text/plain" });
      response.end(state.status === 200 ? "received" : "receiver is down for maintenance");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return { state, url, close: () => server.close() };
}
