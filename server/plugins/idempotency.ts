import { and, eq, isNull, lt, sql } from "drizzle-orm";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Db } from "../db/client";
import { idempotencyKeys } from "../db/schema";
import { conflict, invalid } from "../lib/errors";
import { sha256 } from "../modules/identity/passwords";

declare module "fastify" {
  interface FastifyContextConfig {
    /** A creation a client may retry with the same Idempotency-Key header and get the first answer. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotencyClaim: { orgId: string; owner: string; key: string } | null;
  }
}

/** Keys as clients make them (a UUID, a random string): printable, 8 to 200 characters. */
const KEY = /^[\x21-\x7e]{8,200}$/;
/** A first request not answered in this long (its server died) no longer holds its key. */
const CLAIM_SECONDS = 60;
/** How long a key is remembered. */
const KEEP_HOURS = 24;
export const IDEMPOTENCY_PURGE_MS = 60 * 60_000;

/** Whose key it is: a staff member or a portal contact (nobody else creates through these routes). */
const ownerOf = (actor: FastifyRequest["actor"]) =>
  actor?.type === "user" ? actor.userId : actor?.type === "customer" ? `contact:${actor.contactId}` : null;

/**
 * Idempotency-Key on creation routes (tickets, customers, work orders, portal requests): a client
 * that retries a request cut off by a network error gets the first request's answer instead of a
 * second record. The key is claimed before the work (of two at once, one works and the other hears
 * 409), the answer stored after it; a failure frees the key for a retry.
 */
export function registerIdempotency(app: FastifyInstance, db: Db) {
  app.decorateRequest("idempotencyClaim", null);
  app.addHook("preHandler", async (request, reply) => {
    if (!request.routeOptions.config?.idempotent) return;
    const key = request.headers["idempotency-key"];
    const actor = request.actor;
    const owner = ownerOf(actor);
    if (key === undefined || !actor || !owner) return;
    if (typeof key !== "string" || !KEY.test(key)) throw invalid("IDEMPOTENCY_KEY_INVALID");
    const orgId = actor.orgId;
    const fingerprint = sha256(
      JSON.stringify([request.method, request.routeOptions.url, request.params, request.body]),
    );
    const claimed = await db
      .insert(idempotencyKeys)
      .values({ orgId, owner, key, fingerprint })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    const mine = and(
      eq(idempotencyKeys.orgId, orgId),
      eq(idempotencyKeys.owner, owner),
      eq(idempotencyKeys.key, key),
    );
    if (!claimed.length) {
      const [first] = await db.select().from(idempotencyKeys).where(mine);
      if (!first) throw conflict("IDEMPOTENCY_IN_PROGRESS");
      if (first.fingerprint !== fingerprint) throw invalid("IDEMPOTENCY_KEY_REUSED");
      if (first.statusCode !== null)
        return reply
          .code(first.statusCode)
          .header("content-type", "application/json; charset=utf-8")
          .header("idempotent-replayed", "true")
          .send(first.body);
      // Still being answered — or abandoned by a server that died: then this request takes it over.
      const taken = await db
        .update(idempotencyKeys)
        .set({ createdAt: new Date() })
        .where(
          and(
            mine,
            isNull(idempotencyKeys.statusCode),
            lt(idempotencyKeys.createdAt, new Date(Date.now() - CLAIM_SECONDS * 1000)),
          ),
        )
        .returning({ key: idempotencyKeys.key });
      if (!taken.length) throw conflict("IDEMPOTENCY_IN_PROGRESS");
    }
    request.idempotencyClaim = { orgId, owner, key };
  });
  app.addHook("onSend", async (request, reply, payload) => {
    const claim = request.idempotencyClaim;
    if (!claim) return payload;
    request.idempotencyClaim = null;
    const mine = and(
      eq(idempotencyKeys.orgId, claim.orgId),
      eq(idempotencyKeys.owner, claim.owner),
      eq(idempotencyKeys.key, claim.key),
    );
    if (reply.statusCode < 300 && typeof payload === "string")
      await db.update(idempotencyKeys).set({ statusCode: reply.statusCode, body: payload }).where(mine);
    else await db.delete(idempotencyKeys).where(and(mine, isNull(idempotencyKeys.statusCode)));
    return payload;
  });
}

/** Forgets keys a day old (run by the server's periodic tasks). */
export async function purgeIdempotencyKeys(db: Db) {
  await db.execute(
    sql`DELETE FROM idempotency_keys WHERE created_at < ${new Date(Date.now() - KEEP_HOURS * 3_600_000).toISOString()}::timestamptz`,
  );
}
