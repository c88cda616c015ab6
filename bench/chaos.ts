// npm run chaos — the kill -9 durability check: 8 clients create tickets through the HTTP API while
// the server is killed (SIGKILL) at a random moment, then restarted, several times over. Afterwards
// every ticket the server acknowledged (201) is there with the number it was given, and the numbers of
// each type and month are unique and gapless. On the embedded database by default (a fresh data
// directory), on PostgreSQL with DATABASE_URL (a fresh database, dropped afterwards).
// Options: CHAOS_CYCLES (default 4), CHAOS_CLIENTS (8), PORT (3977).
import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  freshDatabase,
  signIn as signInAdmin,
  startServer as startServerProcess,
} from "../server/test/processes";

const CYCLES = Number(process.env.CHAOS_CYCLES ?? 4);
const CLIENTS = Number(process.env.CHAOS_CLIENTS ?? 8);
const PORT = Number(process.env.PORT ?? 3977);
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = "Chaos-Monkey-2026";
/** The administrator's own password, chosen at the first sign-in as the product requires. */
const CHOSEN_PASSWORD = "Kill-Nine-Survivor-7";
let password = PASSWORD;

const dataDir = await mkdtemp(path.join(tmpdir(), "kefu-chaos-"));
const database = process.env.DATABASE_URL
  ? await freshDatabase(process.env.DATABASE_URL, "kefu_chaos")
  : null;

const startServer = () =>
  startServerProcess(PORT, {
    KEFU_DATA_DIR: dataDir,
    KEFU_JOBS: "off",
    KEFU_ADMIN_PASSWORD: PASSWORD,
    ...(database ? { DATABASE_URL: database.url } : {}),
  });

async function signIn(): Promise<Record<string, string>> {
  const signedIn = await signInAdmin(BASE, password, CHOSEN_PASSWORD);
  password = signedIn.password;
  return signedIn.headers;
}

type Acknowledged = { id: string; number: string };
const acknowledged: Acknowledged[] = [];
let failedRequests = 0;

/** Creates tickets until the server goes away; keeps what it acknowledged. */
async function create(headers: Record<string, string>, client: number) {
  for (let i = 0; ; i++) {
    const response = await fetch(`${BASE}/api/tickets`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        type: i % 3 === 0 ? "complaint" : "repair",
        channel: "phone",
        title: "办公室吸顶灯频闪",
        description: `客户 ${client} 第 ${i} 次来电：吸顶灯频闪`,
        newCustomer: { name: `客户${client}-${i}`, phone: "13800138000" },
      }),
    }).catch(() => null);
    if (!response) return; // the server is gone
    if (response.status === 201) acknowledged.push((await response.json()) as Acknowledged);
    else failedRequests++;
  }
}

/** Every ticket number in the organisation, through the API as its administrator sees them. */
async function allNumbers(headers: Record<string, string>) {
  const numbers = new Map<string, string>();
  for (let page = 1; ; page++) {
    const response = await fetch(`${BASE}/api/tickets?pageSize=200&page=${page}`, { headers });
    const body = (await response.json()) as { items: { id: string; number: string }[]; total: number };
    for (const t of body.items) numbers.set(t.id, t.number);
    if (page * 200 >= body.total) return numbers;
  }
}

const problems: string[] = [];
let server: ChildProcess | undefined;
try {
  server = await startServer();
  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    const headers = await signIn();
    const before = acknowledged.length;
    const clients = Array.from({ length: CLIENTS }, (_, c) => create(headers, c));
    await new Promise((r) => setTimeout(r, 1500 + Math.random() * 2500));
    server.kill("SIGKILL");
    await Promise.all(clients);
    console.log(`cycle ${cycle}: ${acknowledged.length - before} tickets acknowledged, then kill -9`);
    server = await startServer();
  }
  const numbers = await allNumbers(await signIn());
  const lost = acknowledged.filter((t) => numbers.get(t.id) !== t.number);
  if (lost.length)
    problems.push(
      `${lost.length} acknowledged tickets missing or renumbered: ${lost.slice(0, 5).map((t) => t.number)}`,
    );
  const series = new Map<string, number[]>();
  for (const number of numbers.values()) {
    const [prefix, period, serial] = number.split("-");
    series.set(`${prefix}-${period}`, [...(series.get(`${prefix}-${period}`) ?? []), Number(serial)]);
  }
  for (const [name, serials] of series) {
    const sorted = serials.toSorted((a, b) => a - b);
    if (new Set(sorted).size !== sorted.length) problems.push(`${name}: duplicate numbers`);
    if (sorted.some((s, i) => s !== i + 1))
      problems.push(`${name}: numbers have gaps (${sorted.length} tickets, last ${sorted.at(-1)})`);
  }
  console.log(
    `${CYCLES} kill -9 cycles, ${CLIENTS} clients: ${acknowledged.length} acknowledged, ${numbers.size} stored, ` +
      `${failedRequests} refused, series ${[...series.keys()].join(" ")}`,
  );
} finally {
  server?.kill("SIGKILL");
  await rm(dataDir, { recursive: true, force: true });
  await database?.drop();
}
if (problems.length) {
  console.error(`FAILED:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log("every acknowledged ticket is there; numbers unique and gapless");
