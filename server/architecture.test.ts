import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Which part of the server may import which (DESIGN, "Events, layers and channels"): the schema knows no
// behaviour, lib knows no domain, and domain modules know nothing of the HTTP plugins or of the seed —
// a route takes its request context from lib, not from the plugin that reads sessions.

const SERVER = import.meta.dirname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

/** Every import of a server file, as "from → to", both relative to server/. */
const imports = sources(SERVER).flatMap((file) =>
  [...readFileSync(file, "utf8").matchAll(/from "(\.[^"]+)"/g)].map((m) => ({
    from: path.relative(SERVER, file),
    to: path.relative(SERVER, path.resolve(path.dirname(file), m[1])),
  })),
);

const arrows = (from: string, forbidden: string[]) =>
  imports
    .filter((i) => i.from.startsWith(from) && forbidden.some((f) => i.to.startsWith(f)))
    .map((i) => `${i.from} → ${i.to}`);

describe("the server's layers", () => {
  it("finds the imports it checks", () => {
    expect(imports.length).toBeGreaterThan(1000);
  });

  it("the schema and the database client know no behaviour", () => {
    expect(arrows("db/", ["modules/", "plugins/", "seed/", "jobs/", "lib/"])).toEqual([]);
  });

  it("lib knows no domain module, plugin or seed", () => {
    expect(arrows("lib/", ["modules/", "plugins/", "seed/", "jobs/"])).toEqual([]);
  });

  it("routes only parse and call: none reads the database itself", () => {
    const routes = imports.filter((i) => /^modules\/[^/]+\/routes\.ts$/.test(i.from));
    expect(routes.length).toBeGreaterThan(50);
    expect(routes.filter((i) => i.to.startsWith("db/")).map((i) => `${i.from} → ${i.to}`)).toEqual([]);
  });

  it("domain modules import neither the HTTP plugins nor the seed, nor the wiring", () => {
    expect(arrows("modules/", ["plugins/", "seed/", "wiring"])).toEqual([]);
  });

  // Kernel ← processes ← analytics: the kernel learns of processes only through domain events and the
  // extensions the wiring gives it (server/wiring.ts).
  const modules = (names: string[]) => names.map((name) => `modules/${name}/`);
  const KERNEL = modules(["tickets", "customers", "identity", "messaging", "audit"]);
  const PROCESSES = modules([
    "sla",
    "complaints",
    "field-service",
    "surveys",
    "callbacks",
    "agreements",
    "parts",
    "portal",
    "records",
    "webhooks",
    "automations",
  ]);
  const ANALYTICS = modules(["reports", "appraisal", "quality"]);

  it("names every domain module in one layer", () => {
    const all = readdirSync(path.join(SERVER, "modules")).map((name) => `modules/${name}/`);
    expect(all.sort()).toEqual([...KERNEL, ...PROCESSES, ...ANALYTICS].sort());
  });

  it("the kernel imports no process and no analytics module", () => {
    expect(KERNEL.flatMap((kernel) => arrows(kernel, [...PROCESSES, ...ANALYTICS]))).toEqual([]);
  });

  it("a process imports no analytics module", () => {
    expect(PROCESSES.flatMap((process) => arrows(process, ANALYTICS))).toEqual([]);
  });
});
