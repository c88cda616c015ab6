// npm run bench [-- --tickets N --intake M]: builds a realistic data set in a database of its own,
// then measures ticket intake through the HTTP API against the same transaction in raw SQL, the
// my-queue page and Chinese search. Defaults: 1M tickets on PostgreSQL (DATABASE_URL), 100k on PGlite.
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { PRIORITIES, TICKET_PREFIX } from "../common/enums";
import { buildApp } from "../server/app";
import { type Database, openDatabase, queryRows } from "../server/db/client";
import {
  OPEN_TICKET,
  roles,
  searchIndexState,
  slaPolicies,
  ticketCounters,
  tickets,
  userRoles,
  users,
} from "../server/db/schema";
import { documentTokens, SEARCH_TOKENS_VERSION, tokensToVector } from "../server/lib/search-tokens";
import { kpiScorecard } from "../server/modules/appraisal/scorecard";
import { complaintAnalysis } from "../server/modules/complaints/analysis";
import { listCategories } from "../server/modules/complaints/settings";
import { hashPassword } from "../server/modules/identity/passwords";
import { loadStaffActor } from "../server/modules/identity/sessions";
import { reindexSearch } from "../server/modules/records/search-reindex";
import { SLA_SWEEP_MS, sweepDueClocks } from "../server/modules/sla/clocks";
import { defaultTemplate } from "../server/modules/surveys/templates";
import { listTickets } from "../server/modules/tickets/queries";
import { seedOrganization } from "../server/seed/organization";
import { companyName, mobile, random, ticketText } from "../server/seed/sample-text";
import { wireModules } from "../server/wiring";

const { values } = parseArgs({
  options: { tickets: { type: "string" }, intake: { type: "string" }, agents: { type: "string" } },
});
const serverUrl = process.env.DATABASE_URL;
const N = Number(values.tickets ?? (serverUrl ? 1_000_000 : 100_000));
const INTAKE = Number(values.intake ?? 2000);
const AGENTS = Number(values.agents ?? 50);
const PASSWORD = "Bench-password-2026";
const RARE_PHRASE = "防爆荧光灯管";
/**
 * What the intake runs register: repair requests worded like the data set's, so the newest tickets
 * (where a search's first page is found) hold each term as often as the older ones.
 */
const INTAKE_TEXTS = (() => {
  const rng = random(11);
  return Array.from({ length: INTAKE }, () => ticketText(rng));
})();

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const percentile = (samples: number[], p: number) =>
  [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))];
const log = (...args: unknown[]) => console.error("[bench]", ...args);

async function openBenchDatabase(): Promise<{ database: Database; url?: string; drop: () => Promise<void> }> {
  wireModules();
  if (!serverUrl) {
    const database = await openDatabase({});
    return { database, drop: async () => {} };
  }
  const name = "kefu_bench";
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 10 });
  return { database, url: url.toString(), drop: async () => {} };
}

/** N tickets across AGENTS agents, one every 30 s up to now: ~7% open, the rest closed, realistic Chinese text. */
async function generate(database: Database, orgId: string, agentIds: string[], departmentId: string) {
  const rng = random(7);
  const customers = Array.from({ length: 2000 }, () => ({ name: companyName(rng), phone: mobile(rng) }));
  const serials = new Map<string, number>();
  const start = process.hrtime.bigint();
  const batch = 2000;
  const base = Date.now() - N * 30_000;
  for (let offset = 0; offset < N; offset += batch) {
    const rows = [];
    for (let i = offset; i < Math.min(N, offset + batch); i++) {
      const text =
        i % Math.floor(N / 10) === 5
          ? { type: "repair" as const, title: `${RARE_PHRASE}损坏`, description: `客户的${RARE_PHRASE}破裂` }
          : ticketText(rng);
      const prefix = TICKET_PREFIX[text.type];
      const serial = (serials.get(prefix) ?? 0) + 1;
      serials.set(prefix, serial);
      const number = `${prefix}-202611-${String(serial).padStart(4, "0")}`;
      const customer = customers[i % customers.length];
      const agent = agentIds[i % agentIds.length];
      const open = rng() < 0.07;
      const receivedAt = new Date(base + i * 30_000);
      rows.push({
        orgId,
        number,
        type: text.type,
        channel: "phone",
        priority: PRIORITIES[Math.floor(rng() * 4)],
        status: open ? "in_progress" : "closed",
        title: text.title,
        description: text.description,
        firstResponderId: agent,
        assigneeId: agent,
        departmentId,
        searchVector: tokensToVector(
          documentTokens(number, text.title, text.description, customer.name, customer.phone),
        ),
        // What the monthly KPIs read: resolved 1–72 h after receipt, some reopened, transferred, promises broken.
        receivedAt,
        resolvedAt: open ? null : new Date(receivedAt.getTime() + (1 + Math.floor(rng() * 72)) * 3_600_000),
        reopenCount: rng() < 0.05 ? 1 : 0,
        transferCount: rng() < 0.1 ? 1 : 0,
        brokenPromises: rng() < 0.02 ? 1 : 0,
        createdAt: receivedAt,
        updatedAt: receivedAt,
      });
    }
    await database.db.insert(tickets).values(rows);
    if ((offset / batch) % 25 === 0)
      log(`generated ${offset + rows.length}/${N} (${Math.round(ms(start) / 1000)} s)`);
  }
  for (const [prefix, lastSerial] of serials) {
    await database.db.insert(ticketCounters).values({ orgId, prefix, period: "202611", lastSerial });
  }
  // A running system is autovacuumed; measure that steady state, not a just-loaded table.
  await database.db.execute(sql`VACUUM ANALYZE`);
  return ms(start);
}

/**
 * The same statements an API intake makes, in its order, as hand-written SQL: the session's cache
 * versions, the ticket with its search tokens, its timeline entry with the live notice, the audit row,
 * the number (counter upsert and ticket update), the domain event, the service-time policy (versions,
 * ticket update, timeline entry with notice, three clocks) — without HTTP, validation, Drizzle or the
 * working-time arithmetic. The ceiling the API is measured against.
 */
async function rawIntake(
  database: Database,
  url: string | undefined,
  orgId: string,
  agentId: string,
  count: number,
  concurrency: number,
) {
  const [policy] = await database.db
    .select()
    .from(slaPolicies)
    .where(sql`${slaPolicies.orgId} = ${orgId} AND ${slaPolicies.name} = '标准'`);
  const calendarId = policy.targets.resolution!.calendarId;
  const versions = `SELECT (SELECT coalesce(jsonb_object_agg(kind, version), '{}'::jsonb) FROM org_cache_versions WHERE org_id = $1) AS v`;
  const timeline = (kind: string) =>
    `WITH e AS (INSERT INTO ticket_events (org_id, ticket_id, kind, actor_type, actor_id, actor_name, data, is_public)
       VALUES ($1, $2, '${kind}', 'user', $3, 'bench', '{}', true) RETURNING id)
     SELECT e.id, pg_notify('kefu_events', $4) FROM e`;
  const one = async (run: (q: string, p: unknown[]) => Promise<{ rows: { id?: string }[] }>, i: number) => {
    const id = randomUUID();
    const { title, description } = INTAKE_TEXTS[i];
    const vector = tokensToVector(documentTokens(title, description));
    const notice = JSON.stringify({ orgId, type: "ticket.created", ticketId: id, customerId: null });
    await run(
      `INSERT INTO tickets (id, org_id, number, type, channel, priority, status, title, description, first_responder_id, assignee_id, search_vector)
       VALUES ($1, $2, $6, 'repair', 'phone', 'P3', 'accepted', $7, $3, $4, $4, $5::tsvector)`,
      [id, orgId, description, agentId, vector, id, title],
    );
    await run(timeline("created"), [orgId, id, agentId, notice]);
    await run(
      `INSERT INTO audit_log (org_id, actor_type, actor_id, actor_name, action, entity_type, entity_id, after) VALUES ($1, 'user', $2, 'bench', 'ticket.created', 'ticket', $3, '{}')`,
      [orgId, agentId, id],
    );
    await run(
      `WITH counter AS (INSERT INTO ticket_counters (org_id, prefix, period, last_serial) VALUES ($1, 'RW', '202611', 1)
         ON CONFLICT (org_id, prefix, period) DO UPDATE SET last_serial = ticket_counters.last_serial + 1 RETURNING period, last_serial::text AS serial)
       UPDATE tickets SET number = 'RW-' || counter.period || '-' || counter.serial,
         search_vector = search_vector || array_to_tsvector(ARRAY['rw', counter.period, counter.serial])
       FROM counter WHERE tickets.org_id = $1 AND tickets.id = $2`,
      [orgId, id],
    );
    await run(
      `INSERT INTO domain_events (org_id, type, payload, actor_type, actor_id) VALUES ($1, 'ticket.created', $2, 'user', $3) RETURNING id`,
      [orgId, JSON.stringify({ ticketId: id, type: "repair", priority: "P3", channel: "phone" }), agentId],
    );
    await run(versions, [orgId]);
    await run("UPDATE tickets SET sla_policy_id = $1 WHERE org_id = $2 AND id = $3", [policy.id, orgId, id]);
    await run(timeline("sla_applied"), [orgId, id, agentId, notice]);
    await run(
      `INSERT INTO ticket_sla_clocks (org_id, ticket_id, policy_id, metric, calendar_id, target_minutes, at_risk_percent, state, started_at, running_since, at_risk_at, due_at, next_check_at)
       SELECT $1, $2, $3, m, $4, 480, 75, 'running', now(), now(), now() + interval '6 hours', now() + interval '8 hours', now() + interval '6 hours'
       FROM unnest(ARRAY['solution', 'resolution', 'on_site']) AS m`,
      [orgId, id, policy.id, calendarId],
    );
  };
  const start = process.hrtime.bigint();
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: concurrency });
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        const client = await pool.connect();
        while (next < count) {
          const i = next++;
          await client.query(versions, [orgId]);
          await client.query("BEGIN");
          await one((q, p) => client.query(q, p), i);
          await client.query("COMMIT");
        }
        client.release();
      }),
    );
    await pool.end();
  } else {
    for (let i = 0; i < count; i++) {
      await database.db.transaction(async (tx) =>
        one(async (q, p) => (await tx.execute(sql.raw(bind(q, p)))) as never, i),
      );
    }
  }
  return count / (ms(start) / 1000);
}

/** Inlines parameters for PGlite's raw path (bench-only, values are ours). */
function bind(query: string, params: unknown[]) {
  return query.replace(
    /\$(\d+)/g,
    (_, n: string) => `'${String(params[Number(n) - 1]).replace(/'/g, "''")}'`,
  );
}

/**
 * Busy CPU time of the whole machine so far, in ms (/proc/stat, 100 ticks a second). Less this
 * process's own, it is PostgreSQL's (its backends, WAL writer, autovacuum — nothing else runs here),
 * including backends that ended meanwhile, which a sum over processes would lose.
 */
function machineBusyMs(): number {
  const [user, nice, system, , , irq, softirq] = readFileSync("/proc/stat", "utf8")
    .split("\n")[0]
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return (user + nice + system + irq + softirq) * 10;
}

/** Runs `work` and says what CPU it took per item: this process (less `otherMs`) and PostgreSQL's. */
async function cpuPerItem<T>(
  items: number,
  work: () => Promise<T>,
  otherMs: (result: T) => number = () => 0,
) {
  const node = process.cpuUsage();
  const machine = machineBusyMs();
  const result = await work();
  const used = process.cpuUsage(node);
  const processMs = (used.user + used.system) / 1000;
  const postgresMs = machineBusyMs() - machine - processMs;
  return { result, nodeMs: (processMs - otherMs(result)) / items, postgresMs: postgresMs / items };
}

/** HTTP load from a worker thread, so the client does not compete with the server for its thread. */
async function apiIntake(
  baseUrl: string,
  username: string,
  orgSlug: string,
  count: number,
  concurrency: number,
) {
  const worker = new Worker(new URL("./intake-client.mjs", import.meta.url), {
    workerData: { baseUrl, username, orgSlug, password: PASSWORD, count, concurrency, texts: INTAKE_TEXTS },
  });
  const [result] = (await once(worker, "message")) as [{ perSecond: number } | { error: string }];
  const client = await worker.cpuUsage();
  await worker.terminate();
  if ("error" in result) throw new Error(result.error);
  return { perSecond: result.perSecond, clientCpuMs: (client.user + client.system) / 1000 };
}

async function timeIt(runs: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(ms(start));
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

const { database, url } = await openBenchDatabase();
log(`database: ${database.kind}, ${N} tickets, ${AGENTS} agents`);
const slug = `bench-${randomUUID().slice(0, 6)}`;
const org = await seedOrganization(database.db, { slug, name: "基准测试", adminPassword: PASSWORD });
const [agentRole] = await database.db
  .select()
  .from(roles)
  .where(sql`${roles.orgId} = ${org.orgId} AND ${roles.key} = 'agent'`);
const passwordHash = await hashPassword(PASSWORD);
const [admin] = await database.db.select().from(users).where(eq(users.id, org.adminUserId));
const agentRows = await database.db
  .insert(users)
  .values(
    Array.from({ length: AGENTS }, (_, i) => ({
      orgId: org.orgId,
      username: `agent${i}`,
      displayName: `坐席${i}`,
      departmentId: admin.departmentId,
      passwordHash,
      mustChangePassword: false,
    })),
  )
  .returning({ id: users.id });
await database.db
  .insert(userRoles)
  .values(agentRows.map((u) => ({ orgId: org.orgId, userId: u.id, roleId: agentRole.id })));
const agentIds = agentRows.map((u) => u.id);

const generateMs = await generate(database, org.orgId, agentIds, admin.departmentId!);
log(`generated in ${Math.round(generateMs / 1000)} s`);

const app = await buildApp(
  { dataDir: "/tmp/kefu-bench", secureCookies: false, attachmentMaxBytes: 1 << 20, logLevel: "silent" },
  database,
);
await app.listen({ port: 0, host: "127.0.0.1" });
const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const concurrency = database.kind === "postgres" ? 8 : 1;
const f = (n: number) => n.toFixed(n < 10 ? 2 : 1);
const rawRun = await cpuPerItem(INTAKE, () =>
  rawIntake(database, url, org.orgId, agentIds[0], INTAKE, concurrency),
);
const apiRun = await cpuPerItem(
  INTAKE,
  () => apiIntake(baseUrl, "agent1", slug, INTAKE, concurrency),
  (r) => r.clientCpuMs,
);
const raw = rawRun.result;
const viaApi = apiRun.result.perSecond;
const cpu = (run: { nodeMs: number; postgresMs: number }) =>
  `CPU per ticket ${f(run.nodeMs + run.postgresMs)} ms (node ${f(run.nodeMs)} + PostgreSQL ${f(run.postgresMs)})`;

const agent = {
  db: database.db,
  actor: (await loadStaffActor(database.db, org.orgId, agentIds[2]))!,
  ip: null,
  filesDir: "",
};
const queue = await timeIt(200, () => listTickets(agent, { queue: "mine" }));
const supervisorScope = { ...agent, actor: { ...agent.actor, dataScope: "all" as const } };
const search = {
  frequent: await timeIt(100, () => listTickets(supervisorScope, { q: "路灯" })),
  rare: await timeIt(100, () => listTickets(supervisorScope, { q: RARE_PHRASE })),
  absent: await timeIt(100, () => listTickets(supervisorScope, { q: "磁悬浮列车" })),
  rareAndCombination: await timeIt(100, () => listTickets(supervisorScope, { q: "路灯 漏电 进水" })),
};
const hits = {
  frequent: (await listTickets(supervisorScope, { q: "路灯" })).total,
  rare: (await listTickets(supervisorScope, { q: RARE_PHRASE })).total,
  absent: (await listTickets(supervisorScope, { q: "磁悬浮列车" })).total,
};

/**
 * The SLA sweep over the open tickets (~7% of N): every open ticket gets a running resolution clock,
 * started two days before its next check, the checks spread over the coming month, SWEEP_DUE due now. The sweep should read
 * only those: its cost follows what is coming due, not how many tickets are open.
 */
const SWEEP_DUE = 500;
const [policy] = await database.db
  .select()
  .from(slaPolicies)
  .where(sql`${slaPolicies.orgId} = ${org.orgId} AND ${slaPolicies.name} = '标准'`);
const calendarId = policy.targets.resolution!.calendarId;
await database.db.execute(sql`
  INSERT INTO ticket_sla_clocks (org_id, ticket_id, policy_id, metric, calendar_id, target_minutes,
    at_risk_percent, state, started_at, running_since, at_risk_at, due_at, next_check_at)
  SELECT org_id, id, ${policy.id}, 'resolution', ${calendarId}, 1350, 75, 'running',
    now() + ((row_number() OVER (ORDER BY id) % 40000) - ${SWEEP_DUE}) * interval '1 minute' - interval '2 days',
    now() + ((row_number() OVER (ORDER BY id) % 40000) - ${SWEEP_DUE}) * interval '1 minute' - interval '2 days',
    now() + ((row_number() OVER (ORDER BY id) % 40000) - ${SWEEP_DUE}) * interval '1 minute',
    now() + ((row_number() OVER (ORDER BY id) % 40000) - ${SWEEP_DUE}) * interval '1 minute' + interval '2 hours',
    now() + ((row_number() OVER (ORDER BY id) % 40000) - ${SWEEP_DUE}) * interval '1 minute'
  FROM tickets WHERE org_id = ${org.orgId} AND ${OPEN_TICKET}`);
await database.db.execute(sql`ANALYZE ticket_sla_clocks`);
const [{ running }] = await queryRows<{ running: number }>(
  database.db,
  sql`SELECT count(*)::int AS running FROM ticket_sla_clocks WHERE state = 'running'`,
);
const [plan] = await queryRows<{ "QUERY PLAN": unknown }>(
  database.db,
  sql`EXPLAIN (ANALYZE, FORMAT JSON) SELECT * FROM ticket_sla_clocks WHERE next_check_at <= now()
    ORDER BY next_check_at LIMIT 100 FOR UPDATE SKIP LOCKED`,
);
const planText = JSON.stringify(plan["QUERY PLAN"]);
const scanned = [...planText.matchAll(/"Actual Rows":\s*(\d+)/g)].map((m) => Number(m[1]));
const sweepStart = process.hrtime.bigint();
const swept = await sweepDueClocks(database.db);
const sweepMs = ms(sweepStart);
const idleSweep = await timeIt(100, () => sweepDueClocks(database.db));

/** The monthly complaint analysis over a complaint record for every complaint ticket of the data set. */
const categories = await listCategories(database.db, org.orgId);
await database.db.execute(sql`
  INSERT INTO complaints (org_id, ticket_id, classification, category_id, severity, part_no, cause_category,
    responsible_department_id, created_at)
  SELECT t.org_id, t.id, (ARRAY['quality', 'human', 'other'])[1 + n % 3],
    (${sql.raw(`ARRAY[${categories.map((c) => `'${c.id}'`).join(",")}]::uuid[]`)})[1 + n % ${categories.length}],
    (ARRAY['minor', 'normal', 'normal', 'major'])[1 + n % 4], 'LED-' || (n % 40),
    (ARRAY['man', 'machine', 'material', 'material', 'method', 'environment', 'measurement', NULL])[1 + n % 8],
    ${admin.departmentId}, t.created_at
  FROM (SELECT id, org_id, created_at, row_number() OVER (ORDER BY id) AS n FROM tickets
    WHERE org_id = ${org.orgId} AND type = 'complaint') t`);
await database.db.execute(sql`ANALYZE complaints`);
const [{ complaintCount }] = await queryRows<{ complaintCount: number }>(
  database.db,
  sql`SELECT count(*)::int AS "complaintCount" FROM complaints`,
);
const adminCtx = { ...agent, actor: (await loadStaffActor(database.db, org.orgId, org.adminUserId))! };
const thisMonth = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" })
  .format(new Date())
  .slice(0, 7);
const analysisTotal = (await complaintAnalysis(adminCtx, thisMonth)).total;
const analysis = await timeIt(50, () => complaintAnalysis(adminCtx, thisMonth));

/**
 * The monthly KPI scorecard of the 50 agents for last month (~89k tickets received at 1M): each of
 * the month's tickets has a first-response clock, 5% of them breached; 10% were rated on the four
 * items of the default questionnaire; 20% got a callback task; a fifth of the complaints name
 * their handler.
 */
const lastMonth = (() => {
  const [y, m] = thisMonth.split("-").map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
})();
const monthTickets = sql`SELECT id, org_id, assignee_id, received_at, row_number() OVER (ORDER BY id) AS n FROM tickets
  WHERE org_id = ${org.orgId} AND received_at >= ${`${lastMonth}-01`}::date - interval '8 hours'
    AND received_at < ${`${lastMonth}-01`}::date + interval '1 month' - interval '8 hours'`;
const firstResponse = policy.targets.first_response!;
await database.db.execute(sql`
  INSERT INTO ticket_sla_clocks (org_id, ticket_id, policy_id, metric, calendar_id, target_minutes, at_risk_percent,
    state, started_at, due_at, stopped_at, breached_at)
  SELECT org_id, id, ${policy.id}, 'first_response', ${firstResponse.calendarId}, 30, 75, 'stopped', received_at,
    received_at + interval '30 minutes', received_at + CASE WHEN n % 20 = 0 THEN interval '50 minutes' ELSE interval '5 minutes' END,
    CASE WHEN n % 20 = 0 THEN received_at + interval '30 minutes' END
  FROM (${monthTickets}) t`);
await database.db.execute(sql`
  INSERT INTO sla_breaches (org_id, clock_id, ticket_id, metric, assignee_id, due_at, breached_at)
  SELECT c.org_id, c.id, c.ticket_id, 'first_response', t.assignee_id, c.due_at, c.breached_at
  FROM ticket_sla_clocks c JOIN tickets t ON t.id = c.ticket_id
  WHERE c.org_id = ${org.orgId} AND c.metric = 'first_response' AND c.breached_at IS NOT NULL`);
const template = await defaultTemplate(database.db, org.orgId);
await database.db.execute(sql`
  INSERT INTO survey_invitations (org_id, template_id, token, trigger, ticket_id, agent_id, expires_at, answered_at)
  SELECT org_id, ${template.id}, 'bench-' || id, 'ticket_resolved', id, assignee_id, received_at + interval '14 days',
    received_at + interval '3 days'
  FROM (${monthTickets}) t WHERE n % 10 = 0`);
await database.db.execute(sql`
  INSERT INTO survey_responses (org_id, invitation_id, template_id, channel, answers, total, submitted_at)
  SELECT org_id, id, template_id, 'link', '{}'::jsonb, 0, answered_at FROM survey_invitations
  WHERE org_id = ${org.orgId}`);
await database.db.execute(sql`
  INSERT INTO survey_ratings (org_id, response_id, question_id, rating, agent_id, submitted_at)
  SELECT s.org_id, s.id, q.id, 1 + (hashtext(s.id::text || q.id) & 1023) % 5, i.agent_id, s.submitted_at
  FROM survey_responses s JOIN survey_invitations i ON i.id = s.invitation_id
  CROSS JOIN (VALUES ('service'), ('timeliness'), ('result'), ('quality')) AS q(id)
  WHERE s.org_id = ${org.orgId}`);
await database.db.execute(sql`
  INSERT INTO callback_tasks (org_id, ticket_id, assignee_id, due_on, reason, status)
  SELECT org_id, id, assignee_id, (received_at + interval '1 day')::date, 'satisfaction_sample',
    CASE WHEN n % 3 = 0 THEN 'open' ELSE 'done' END
  FROM (${monthTickets}) t WHERE n % 5 = 0`);
await database.db.execute(sql`
  UPDATE complaints c SET accused_user_id = t.assignee_id FROM tickets t
  WHERE t.id = c.ticket_id AND c.org_id = ${org.orgId} AND hashtext(c.id::text) % 5 = 0`);
// Vacuumed as autovacuum would have (the updates above leave their pages not all-visible), then analysed.
await database.db.execute(sql`VACUUM ANALYZE complaints, callback_tasks, ticket_sla_clocks, sla_breaches`);
await database.db.execute(sql`ANALYZE`);
const card = await kpiScorecard(adminCtx, { month: lastMonth });
const scorecard = await timeIt(50, () => kpiScorecard(adminCtx, { month: lastMonth }));

/**
 * Rebuilding older rows' search vectors (a new tokenizer): the tickets are marked as of the previous
 * version and REINDEX_ROWS of them rebuilt by the schedule's own function, in its batches of 500.
 */
const REINDEX_ROWS = Math.min(N, 20_000);
await database.db
  .update(searchIndexState)
  .set({ version: 1, startedAt: null, afterOrgId: null, afterId: null, done: 0, total: 0 });
const reindexStart = process.hrtime.bigint();
await reindexSearch(database.db, { budgetMs: 3_600_000, batches: REINDEX_ROWS / 500 });
const reindexPerSecond = REINDEX_ROWS / (ms(reindexStart) / 1000);
await database.db.update(searchIndexState).set({ version: SEARCH_TOKENS_VERSION });

await app.close();
await database.close();

const report = [
  `database ${database.kind} · ${N.toLocaleString("en")} tickets · ${AGENTS} agents · intake ${INTAKE} tickets at concurrency ${concurrency}`,
  `intake: API ${f(viaApi)} tickets/s, ${cpu(apiRun)}; raw SQL ${f(raw)} tickets/s, ${cpu(rawRun)}; ratio ${(viaApi / raw).toFixed(2)}`,
  `my queue (page of 20 + capped total): p50 ${f(queue.p50)} ms, p95 ${f(queue.p95)} ms`,
  `search frequent "路灯" (${hits.frequent}${hits.frequent >= 10000 ? "+" : ""} hits): p50 ${f(search.frequent.p50)} ms, p95 ${f(search.frequent.p95)} ms`,
  `search rare "${RARE_PHRASE}" (${hits.rare} hits): p50 ${f(search.rare.p50)} ms, p95 ${f(search.rare.p95)} ms`,
  `search absent "磁悬浮列车" (${hits.absent} hits): p50 ${f(search.absent.p50)} ms, p95 ${f(search.absent.p95)} ms`,
  `search rare AND-combination "路灯 漏电 进水": p50 ${f(search.rareAndCombination.p50)} ms, p95 ${f(search.rareAndCombination.p95)} ms`,
  `SLA sweep: ${running} running clocks, ${swept} due: swept in ${f(sweepMs)} ms (${f(sweepMs / Math.max(1, swept))} ms per due clock, breach/at-risk work included); claim query plan ${planText.includes("ticket_sla_clocks_next_check") ? "uses the next-check index" : "does NOT use the next-check index"}, rows per node ${scanned.join("/")}`,
  `monthly complaint analysis (${analysisTotal} of ${complaintCount} complaints in ${thisMonth}): p50 ${f(analysis.p50)} ms, p95 ${f(analysis.p95)} ms`,
  `monthly KPI scorecard (${card.rows.length} people, ${card.total.handled} tickets received in ${lastMonth}, ${card.total.ratings[1] + card.total.ratings[2] + card.total.ratings[3] + card.total.ratings[4] + card.total.ratings[5]} ratings): p50 ${f(scorecard.p50)} ms, p95 ${f(scorecard.p95)} ms`,
  `SLA sweep with nothing due (every server, every ${SLA_SWEEP_MS / 1000} s): p50 ${f(idleSweep.p50)} ms, p95 ${f(idleSweep.p95)} ms`,
  `search reindex (new tokens for older rows): ${f(reindexPerSecond)} tickets/s over ${REINDEX_ROWS.toLocaleString("en")} tickets, so ${f(N / reindexPerSecond / 60)} min for all ${N.toLocaleString("en")}`,
];
console.log(report.join("\n"));
