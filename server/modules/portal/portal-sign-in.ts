import { randomInt } from "node:crypto";
import { and, desc, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { z } from "zod";
import { codeRequestInput } from "../../../common/schemas/portal";
import type { Db } from "../../db/client";
import { contacts, customers, organizations, portalCodes, sessions } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import type { Ctx } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { giveBackAttempt, LIMITS, takeAttempt } from "../../lib/rate-limit";
import { randomToken, sha256 } from "../identity/passwords";
import type { NewSession } from "../identity/sessions";
import { SECRET, sendMessage } from "../messaging/outbox";

const CODE_MINUTES = 10;
const MAX_ATTEMPTS = 5;
const PORTAL_SESSION_DAYS = 7;

const normalise = (destination: string) =>
  destination.includes("@") ? destination.toLowerCase() : destination.replace(/[\s-]/g, "");

async function findContact(db: Db, org: string, destination: string) {
  const isEmail = destination.includes("@");
  const [row] = await db
    .select({
      orgId: organizations.id,
      contactId: contacts.id,
      customerId: contacts.customerId,
      name: contacts.name,
    })
    .from(contacts)
    .innerJoin(organizations, eq(organizations.id, contacts.orgId))
    .innerJoin(customers, and(eq(customers.orgId, contacts.orgId), eq(customers.id, contacts.customerId)))
    .where(
      and(
        eq(organizations.slug, org),
        isNull(customers.mergedIntoId),
        isEmail
          ? sql`lower(${contacts.email}) = ${destination}`
          : or(eq(contacts.mobile, destination), eq(contacts.phone, destination)),
      ),
    )
    .limit(1);
  return row ?? null;
}

/**
 * Sends a 6-digit one-time code to a known contact through the message driver. An unknown number is
 * answered exactly as a known one (nothing is sent), so the portal cannot be asked which phone numbers
 * are customers'; codes per number and per address are limited (LIMITS).
 */
export async function requestPortalCode(
  db: Db,
  raw: z.input<typeof codeRequestInput>,
  ip: string | null,
): Promise<void> {
  const input = codeRequestInput.parse(raw);
  const destination = normalise(input.destination);
  await takeAttempt(db, LIMITS.codesPerAddress, ip ?? "unknown");
  await takeAttempt(db, LIMITS.codesPerDestination, `${input.org}/${destination}`);
  const contact = await findContact(db, input.org, destination);
  if (!contact) return;
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await db.transaction(async (tx) => {
    await tx.insert(portalCodes).values({
      orgId: contact.orgId,
      destination,
      codeHash: sha256(`${destination}:${code}`),
      expiresAt: new Date(Date.now() + CODE_MINUTES * 60_000),
    });
    // The code travels to the driver only; the outbox keeps the message with it masked.
    await sendMessage(tx, contact.orgId, {
      channel: destination.includes("@") ? "email" : "sms",
      recipient: destination,
      subject: "客服中心登录验证码",
      body: `您的登录验证码是 ${SECRET}，${CODE_MINUTES} 分钟内有效。如非本人操作请忽略。`,
      secret: code,
    });
  });
}

/**
 * Checks the code (at most 5 tries of one code, once only) and opens a portal session for the
 * contact. Wrong codes count against the number across all its codes (LIMITS.codeGuessesPerDestination):
 * asking for new codes does not buy new guesses.
 */
export async function signInWithCode(
  db: Db,
  input: { org: string; destination: string; code: string; ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  const destination = normalise(input.destination);
  const subject = `${input.org}/${destination}`;
  await takeAttempt(db, LIMITS.portalSignInPerAddress, input.ip ?? "unknown");
  // Every guess takes a try before it is checked (concurrent guesses each count); a right one gives it back.
  await takeAttempt(db, LIMITS.codeGuessesPerDestination, subject);
  const contact = await findContact(db, input.org, destination);
  if (!contact) throw new AppError("PORTAL_CODE_INVALID", 401);
  const [pending] = await db
    .select()
    .from(portalCodes)
    .where(
      and(
        eq(portalCodes.orgId, contact.orgId),
        eq(portalCodes.destination, destination),
        isNull(portalCodes.usedAt),
        gt(portalCodes.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(portalCodes.createdAt))
    .limit(1);
  if (!pending) throw new AppError("PORTAL_CODE_INVALID", 401);
  const [tried] = await db
    .update(portalCodes)
    .set({ attempts: sql`${portalCodes.attempts} + 1` })
    .where(
      and(
        eq(portalCodes.orgId, pending.orgId),
        eq(portalCodes.id, pending.id),
        lt(portalCodes.attempts, MAX_ATTEMPTS),
      ),
    )
    .returning({ id: portalCodes.id });
  if (!tried || pending.codeHash !== sha256(`${destination}:${input.code.trim()}`))
    throw new AppError("PORTAL_CODE_INVALID", 401);
  await giveBackAttempt(db, LIMITS.codeGuessesPerDestination, subject);
  const token = randomToken();
  const csrfToken = randomToken(18);
  const expiresAt = new Date(Date.now() + PORTAL_SESSION_DAYS * 86_400_000);
  await db.transaction(async (tx) => {
    const used = await tx
      .update(portalCodes)
      .set({ usedAt: new Date() })
      .where(
        and(eq(portalCodes.orgId, pending.orgId), eq(portalCodes.id, pending.id), isNull(portalCodes.usedAt)),
      )
      .returning({ id: portalCodes.id });
    if (!used.length) throw new AppError("PORTAL_CODE_INVALID", 401);
    await tx.insert(sessions).values({
      orgId: contact.orgId,
      tokenHash: sha256(token),
      csrfToken,
      customerId: contact.customerId,
      contactId: contact.contactId,
      ip: input.ip,
      userAgent: input.userAgent,
      expiresAt,
    });
    const ctx: Ctx = {
      db,
      actor: {
        type: "customer",
        orgId: contact.orgId,
        customerId: contact.customerId,
        contactId: contact.contactId,
        name: contact.name,
      },
      ip: input.ip,
      filesDir: "",
    };
    await writeAudit(tx, ctx, {
      action: "portal.signed_in",
      entityType: "customer",
      entityId: contact.customerId,
    });
  });
  return { token, csrfToken, expiresAt, mustChangePassword: false };
}
