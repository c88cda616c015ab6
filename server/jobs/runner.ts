import { hostname } from "node:os";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import { type Db, type Executor, queryRows } from "../db/client";
import { jobs } from "../db/schema";
import type { Schedule, ScheduleDeps } from "./schedules";

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
const ABANDONED = "abandoned: its server stopped before it finished";
/** Exponential back-off: 10 s, 40 s, 90 s, … capped at one hour. */
export const retryDelaySeconds = (attempt: number) => Math.min(3600, 10 * attempt * attempt);

/** How long finished work stays for an operator to look at: jobs done, periodic runs. Failed jobs stay 30 days. */
export const FINISHED_KEPT_DAYS = 7;
export const FAILED_KEPT_DAYS = 30;

/** Removes jobs done (or failed) and periodic runs finished long enough ago; a periodic task. */
export async function purgeFinishedWork(db: Db) {
  await db.execute(sql`DELETE FROM jobs
    WHERE completed_at < now() - make_interval(days => ${FINISHED_KEPT_DAYS})
       OR failed_at < now() - make_interval(days => ${FAILED_KEPT_DAYS})`);
  await db.execute(
    sql`DELETE FROM schedule_runs WHERE finished_at < now() - make_interval(days => ${FINISHED_KEPT_DAYS})`,
  );
}

/**
 * How long a periodic run holds its tick: renewed while it runs, so only a dead server's run lapses —
 * and then another server takes the work up.
 */
export const runLockMs = (everyMs: number) => Math.min(60_000, Math.max(5_000, 2 * everyMs));

/** Claims due jobs with FOR UPDATE SKIP LOCKED, so several servers share the queue without doubling work. */
export class JobRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private readonly byName: Map<string, JobDefinition>;
  private periodic: (Schedule & { lastTick: number })[] = [];
  private deps: ScheduleDeps = { publicUrl: "", filesDir: "" };

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
   * The periodic tasks this runner takes part in. `everyMs` replaces every task's own period (trials
   * and tests: KEFU_SCHEDULE_EVERY_MS).
   */
  schedule(schedules: Schedule[], deps: ScheduleDeps, everyMs?: number) {
    this.periodic = schedules.map((s) => ({ ...s, everyMs: everyMs ?? s.everyMs, lastTick: -1 }));
    this.deps = deps;
    return this;
  }

  private async runPeriodic() {
    for (const task of this.periodic) {
      const tick = Math.floor(Date.now() / task.everyMs);
      if (tick === task.lastTick) continue;
      task.lastTick = tick;
      await this.runTick(task, tick).catch((error) =>
        console.error(`periodic task ${task.name} failed`, error),
      );
    }
  }

  /**
   * Runs one tick of a task unless another server has (or is running it): the key (name, tick) is
   * inserted once. A run of this task whose server died — its lock lapsed before it finished — is
   * recorded as abandoned; its tick is taken up again while it is the current one. A run starts when
   * it is claimed (clock_timestamp(): now() is when the claiming transaction began, which can be before
   * the previous run, seen finished by the claim, recorded its end).
   */
  async runTick(task: Schedule, tick: number): Promise<boolean> {
    const lockSeconds = runLockMs(task.everyMs) / 1000;
    const claimed = await this.db.transaction(async (tx) => {
      await tx.execute(sql`
        UPDATE schedule_runs SET finished_at = now(), error = ${ABANDONED}
        WHERE name = ${task.name} AND tick <> ${tick} AND finished_at IS NULL AND locked_until < now()`);
      return queryRows<{ tick: number }>(
        tx,
        sql`
        INSERT INTO schedule_runs (name, tick, locked_by, locked_until, started_at)
        SELECT ${task.name}, ${tick}, ${this.workerId}, now() + make_interval(secs => ${lockSeconds}), clock_timestamp()
        WHERE NOT EXISTS (SELECT 1 FROM schedule_runs
          WHERE name = ${task.name} AND finished_at IS NULL AND locked_until >= now())
        ON CONFLICT (name, tick) DO UPDATE
          SET locked_by = excluded.locked_by, locked_until = excluded.locked_until, started_at = clock_timestamp()
          WHERE schedule_runs.finished_at IS NULL AND schedule_runs.locked_until < now()
        RETURNING tick`,
      );
    });
    if (!claimed.length) return false;
    const mine = sql`name = ${task.name} AND tick = ${tick} AND locked_by = ${this.workerId}`;
    const heartbeat = setInterval(
      () => {
        this.db
          .execute(sql`UPDATE schedule_runs SET locked_until = now() + make_interval(secs => ${lockSeconds})
          WHERE ${mine} AND finished_at IS NULL`)
          .catch(() => {});
      },
      (lockSeconds * 1000) / 3,
    );
    let error: string | null = null;
    try {
      await task.run(this.db, this.deps);
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
      console.error(`periodic task ${task.name} failed`, failure);
    } finally {
      clearInterval(heartbeat);
    }
    await this.db.execute(sql`UPDATE schedule_runs SET finished_at = now(), error = ${error} WHERE ${mine}`);
    return true;
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
