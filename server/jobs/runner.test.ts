import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Database } from "../db/client";
import { domainEvents, jobs, scheduleRuns, webhookDeliveries, webhookEndpoints } from "../db/schema";
import { EVENTS_KEPT_DAYS, purgeDomainEvents } from "../lib/domain-events";
import { DELIVERIES_KEPT_DAYS, purgeDeliveries } from "../modules/webhooks/deliveries";
import { createOrg, type TestOrg, testDatabase } from "../test/factories";
import {
  defineJob,
  enqueue,
  FAILED_KEPT_DAYS,
  FINISHED_KEPT_DAYS,
  JobRunner,
  purgeFinishedWork,
  retryDelaySeconds,
} from "./runner";
import type { Schedule } from "./schedules";

let database: Database;
let org: TestOrg;
beforeAll(async () => {
  database = await testDatabase();
  org = await createOrg(database);
});

describe("job runner", () => {
  it("four workers on one queue never run a job twice", async () => {
    const runs: number[] = [];
    const count = defineJob({
      name: `test.count.${org.orgId}`,
      payload: z.object({ n: z.number() }),
      handle: async (_ctx, { n }) => {
        runs.push(n);
      },
    });
    await database.db.transaction(async (tx) => {
      for (let n = 0; n < 100; n++) await enqueue(tx, count, { orgId: org.orgId, payload: { n } });
    });
    const workers = Array.from({ length: 4 }, (_, i) => new JobRunner(database.db, [count], `w${i}`));
    const drain = async (w: JobRunner) => {
      while ((await w.runDue(5)) > 0) {}
    };
    await Promise.all(workers.map(drain));
    expect(runs.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it("a failing job is retried with back-off and finally marked failed, never lost", async () => {
    const failing = defineJob({
      name: `test.fail.${org.orgId}`,
      payload: z.object({}),
      handle: async () => {
        throw new Error("provider down");
      },
    });
    await enqueue(database.db, failing, { orgId: org.orgId, payload: {}, maxAttempts: 2 });
    const runner = new JobRunner(database.db, [failing]);
    await runner.runDue();
    let [job] = await database.db.select().from(jobs).where(eq(jobs.name, failing.name));
    expect(job.attempts).toBe(1);
    expect(job.lastError).toBe("provider down");
    expect(job.runAt.getTime()).toBeGreaterThan(Date.now() + (retryDelaySeconds(1) - 2) * 1000);
    await database.db.update(jobs).set({ runAt: new Date() }).where(eq(jobs.id, job.id));
    await runner.runDue();
    [job] = await database.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(job.failedAt).not.toBeNull();
  });

  it("the same dedupe key enqueues once", async () => {
    const once = defineJob({ name: `test.once.${org.orgId}`, payload: z.object({}), handle: async () => {} });
    await enqueue(database.db, once, { orgId: org.orgId, payload: {}, dedupeKey: `tick:${org.orgId}:1` });
    await enqueue(database.db, once, { orgId: org.orgId, payload: {}, dedupeKey: `tick:${org.orgId}:1` });
    expect(await database.db.select().from(jobs).where(eq(jobs.name, once.name))).toHaveLength(1);
  });
});

describe("periodic tasks", () => {
  /** A task of its own (schedule_runs is shared by every test on the database), counting its runs. */
  const countingTask = (work: () => Promise<void> = async () => {}) => {
    const task = {
      name: `test.${randomUUID()}`,
      everyMs: 60_000,
      runs: 0,
      run: async () => {
        task.runs++;
        await work();
      },
    };
    return task satisfies Schedule;
  };
  const runsOf = (name: string) =>
    database.db.select().from(scheduleRuns).where(eq(scheduleRuns.name, name)).orderBy(scheduleRuns.tick);

  it("several servers run each tick of a task once", async () => {
    const task = countingTask(() => new Promise((resolve) => setTimeout(resolve, 50)));
    const servers = Array.from({ length: 4 }, (_, i) => new JobRunner(database.db, [], `server-${i}`));
    for (const tick of [100, 101, 102]) {
      const ran = await Promise.all(servers.map((s) => s.runTick(task, tick)));
      expect(ran.filter(Boolean)).toHaveLength(1);
    }
    expect(task.runs).toBe(3);
    const runs = await runsOf(task.name);
    expect(runs.map((r) => [r.tick, r.error])).toEqual([
      [100, null],
      [101, null],
      [102, null],
    ]);
    expect(runs.every((r) => r.finishedAt !== null)).toBe(true);
  });

  it("while a run holds its lock no other tick of the task starts; a failure is recorded and the next tick runs", async () => {
    const failing = countingTask(async () => {
      throw new Error("report server unreachable");
    });
    const a = new JobRunner(database.db, [], "server-a");
    await database.db.insert(scheduleRuns).values({
      name: failing.name,
      tick: 7,
      lockedBy: "server-b",
      lockedUntil: new Date(Date.now() + 60_000),
    });
    expect(await a.runTick(failing, 8)).toBe(false);
    await database.db
      .update(scheduleRuns)
      .set({ finishedAt: new Date() })
      .where(and(eq(scheduleRuns.name, failing.name), eq(scheduleRuns.tick, 7)));
    expect(await a.runTick(failing, 8)).toBe(true);
    expect(await a.runTick(failing, 9)).toBe(true);
    expect(failing.runs).toBe(2);
    const runs = await runsOf(failing.name);
    expect(runs.map((r) => [r.tick, r.lockedBy, r.error])).toEqual([
      [7, "server-b", null],
      [8, "server-a", "report server unreachable"],
      [9, "server-a", "report server unreachable"],
    ]);
  });

  it("a run left by a server that died is taken up by another after its lock lapses, and an older one is marked abandoned", async () => {
    const task = countingTask();
    await database.db.insert(scheduleRuns).values([
      { name: task.name, tick: 40, lockedBy: "dead-server", lockedUntil: new Date(Date.now() - 120_000) },
      { name: task.name, tick: 41, lockedBy: "dead-server", lockedUntil: new Date(Date.now() - 1_000) },
    ]);
    const survivor = new JobRunner(database.db, [], "survivor");
    expect(await survivor.runTick(task, 41)).toBe(true);
    expect(task.runs).toBe(1);
    const runs = await runsOf(task.name);
    expect(runs.map((r) => [r.tick, r.lockedBy, r.error, r.finishedAt !== null])).toEqual([
      [40, "dead-server", "abandoned: its server stopped before it finished", true],
      [41, "survivor", null, true],
    ]);
  });
});

describe("housekeeping", () => {
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

  it("finished jobs and runs, old domain events and settled deliveries go after their keeping periods; pending and recent work stays", async () => {
    const fresh = await createOrg(database);
    const { db } = database;
    const orgId = fresh.orgId;
    const job = { orgId, name: "test.housekeeping", payload: {} };
    await db.insert(jobs).values([
      { ...job, dedupeKey: "old-done", completedAt: daysAgo(FINISHED_KEPT_DAYS + 1) },
      { ...job, dedupeKey: "recent-done", completedAt: daysAgo(1) },
      { ...job, dedupeKey: "old-failed", failedAt: daysAgo(FAILED_KEPT_DAYS + 1) },
      { ...job, dedupeKey: "failed-last-week", failedAt: daysAgo(FINISHED_KEPT_DAYS + 1) },
      { ...job, dedupeKey: "waiting", runAt: daysAgo(FINISHED_KEPT_DAYS + 1) },
    ]);
    const runName = `test.${randomUUID()}`;
    await db.insert(scheduleRuns).values([
      {
        name: runName,
        tick: 1,
        lockedBy: "s",
        lockedUntil: daysAgo(9),
        finishedAt: daysAgo(FINISHED_KEPT_DAYS + 1),
      },
      { name: runName, tick: 2, lockedBy: "s", lockedUntil: daysAgo(1), finishedAt: daysAgo(1) },
    ]);
    const event = { orgId, type: "customer.grade_changed", payload: {}, actorType: "system" as const };
    await db.insert(domainEvents).values([
      { ...event, createdAt: daysAgo(EVENTS_KEPT_DAYS + 1) },
      { ...event, createdAt: daysAgo(EVENTS_KEPT_DAYS - 1) },
    ]);
    const [endpoint] = await db
      .insert(webhookEndpoints)
      .values({
        orgId,
        name: "ERP",
        url: "https://erp.example.com/h",
        events: ["ticket.created"],
        secretSealed: "x",
      })
      .returning();
    const delivery = { orgId, endpointId: endpoint.id, eventId: 1, eventType: "ticket.created", body: {} };
    const old = daysAgo(DELIVERIES_KEPT_DAYS + 1);
    await db.insert(webhookDeliveries).values([
      { ...delivery, status: "succeeded", lastAttemptAt: old },
      { ...delivery, status: "failed", lastAttemptAt: old },
      { ...delivery, status: "pending", lastAttemptAt: old },
      { ...delivery, status: "succeeded", lastAttemptAt: daysAgo(1) },
    ]);

    await purgeFinishedWork(db);
    await purgeDomainEvents(db);
    await purgeDeliveries(db);

    const left = await db.select().from(jobs).where(eq(jobs.orgId, orgId));
    expect(left.map((j) => j.dedupeKey).sort()).toEqual(["failed-last-week", "recent-done", "waiting"]);
    expect(
      (await db.select().from(scheduleRuns).where(eq(scheduleRuns.name, runName))).map((r) => r.tick),
    ).toEqual([2]);
    expect(await db.select().from(domainEvents).where(eq(domainEvents.orgId, orgId))).toHaveLength(1);
    const deliveries = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.orgId, orgId));
    expect(deliveries.map((d) => d.status).sort()).toEqual(["pending", "succeeded"]);
  });
});
