import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Database } from "../db/client";
import { jobs } from "../db/schema";
import { createOrg, type TestOrg, testDatabase } from "../test/factories";
import { defineJob, enqueue, JobRunner, retryDelaySeconds } from "./runner";

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
