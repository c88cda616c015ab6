import { hostname } from "node:os";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import { type Db, type Executor, queryRows } from "../db/client";
import { jobs } from "../db/schema";

export type JobContext = { db: Db; orgId: string; jobId: number; attempt: number };

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  name: string;
  payload: S;
  /** Must be safe to run twice: a worker can die after the work and before marking it done. */
  handle(ctx: JobContext, payload: z.infer<S>): Promise<void>;
};

export const defineJob = <S extends z.ZodType>(definition: JobDefinition<S>) => definition;

/**
 * Enqueues in the caller's transaction (outbox): the job exists exactly when the business change
 * commits. A dedupe key makes a second enqueue of the same work a no-op.
 */
export async function enqueue<S extends z.ZodType>(
  tx: Executor,
  definition: JobDefinition<S>,
  input: { orgId: string; payload: z.infer<S>; runAt?: Date; dedupeKey?: string; maxAttempts?: number },
): Promise<void> {
  await tx
    .insert(jobs)
    .values({
      orgId: input.orgId,
      name: definition.name,
      payload: definition.payload.parse(input.payload),
      runAt: input.runAt ?? new Date(),
      dedupeKey: input.dedupeKey ?? null,
      maxAttempts: input.maxAttempts ?? 5,
    })
    .onConflictDoNothing({ target: [jobs.orgId, jobs.dedupeKey] });
}

type ClaimedJob = {
  id: number;
  org_id: string;
  name: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  run_at: string | Date;
};

const LOCK_SECONDS = 300;
/** Exponential back-off: 10 s, 40 s, 90 s, … capped at one hour. */
export const retryDelaySeconds = (attempt: number) => Math.min(3600, 10 * attempt * attempt);

/** Claims due jobs with FOR UPDATE SKIP LOCKED, so several servers share the queue without doubling work. */
export class JobRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private readonly byName: Map<string, JobDefinition>;
  private readonly periodic: { everyMs: number; task: (db: Db) => Promise<unknown>; lastRun: number }[] = [];

  constructor(
    private readonly db: Db,
    definitions: JobDefinition[],
    private readonly workerId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`,
  ) {
    this.byName = new Map(definitions.map((d) => [d.name, d]));
  }

  /** Claims and runs up to `limit` due jobs; returns how many ran. Lock expiry doubles as the reaper. */
  async runDue(limit = 20): Promise<number> {
    const claimed = await queryRows<ClaimedJob>(
      this.db,
      sql`
      UPDATE jobs SET locked_by = ${this.workerId},
        locked_until = now() + make_interval(secs => ${LOCK_SECONDS}), attempts = attempts + 1
      WHERE (org_id, id) IN (
        SELECT org_id, id FROM jobs
        WHERE completed_at IS NULL AND failed_at IS NULL AND run_at <= now()
          AND (locked_until IS NULL OR locked_until < now())
        ORDER BY run_at LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, org_id, name, payload, attempts, max_attempts, run_at`,
    );
    // RETURNING does not keep the subquery's order; due order matters (a reminder before its deadline).
    claimed.sort((a, b) => new Date(a.run_at).getTime() - new Date(b.run_at).getTime() || a.id - b.id);
    for (const job of claimed) await this.runOne(job);
    return claimed.length;
  }

  private async runOne(job: ClaimedJob) {
    const definition = this.byName.get(job.name);
    try {
      if (!definition) throw new Error(`no handler for job ${job.name}`);
      await definition.handle(
        { db: this.db, orgId: job.org_id, jobId: job.id, attempt: job.attempts },
        definition.payload.parse(job.payload),
      );
      await this.db.execute(
        sql`UPDATE jobs SET completed_at = now(), locked_until = NULL WHERE org_id = ${job.org_id} AND id = ${job.id}`,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (job.attempts >= job.max_attempts) {
        await this.db.execute(
          sql`UPDATE jobs SET failed_at = now(), last_error = ${message}, locked_until = NULL WHERE org_id = ${job.org_id} AND id = ${job.id}`,
        );
      } else {
        const delay = retryDelaySeconds(job.attempts);
        await this.db.execute(sql`
          UPDATE jobs SET run_at = now() + make_interval(secs => ${delay}), last_error = ${message}, locked_until = NULL
          WHERE org_id = ${job.org_id} AND id = ${job.id}`);
      }
    }
  }

  /**
   * A task every server runs on its own every `everyMs` (e.g. the SLA sweep); it must be safe to run
   * on several servers at once, as the sweep is through SKIP LOCKED.
   */
  every(everyMs: number, task: (db: Db) => Promise<unknown>) {
    this.periodic.push({ everyMs, task, lastRun: 0 });
    return this;
  }

  private async runPeriodic() {
    for (const p of this.periodic) {
      if (Date.now() - p.lastRun < p.everyMs) continue;
      p.lastRun = Date.now();
      await p.task(this.db).catch((error) => console.error("periodic task failed", error));
    }
  }

  start(intervalMs = 1000) {
    const tick = async () => {
      this.running = this.runPeriodic().then(() => this.runDue().catch(() => 0));
      const ran = await this.running;
      this.running = null;
      if (this.timer !== null) this.timer = setTimeout(tick, ran ? 0 : intervalMs);
    };
    this.timer = setTimeout(tick, intervalMs);
  }

  async stop() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
