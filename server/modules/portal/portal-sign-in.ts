import { randomInt } from "node:crypto";
import { and, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { contacts, customers, organizations, portalCodes, sessions } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import type { Ctx } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { randomToken, sha256 } from "../identity/passwords";
import type { NewSession } from "../identity/sessions";
import { sendMessage } from "../messaging/outbox";

const CODE_MINUTES = 10;
const MAX_ATTEMPTS = 5;
const PORTAL_SESSION_DAYS = 7;

export const codeRequestInput = z.object({
  org: z.string().default("default"),
  /** A contact's mobile number or email address. */
  destination: z.string().trim().min(3).max(100),
});

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
    .innerJoin(customers, eq(customers.id, contacts.customerId))
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

/** Sends a 6-digit one-time code to a known contact through the message driver. */
export async function requestPortalCode(db: Db, raw: z.input<typeof codeRequestInput>): Promise<void> {
  const input = codeRequestInput.parse(raw);
  const destination = normalise(input.destination);
  const contact = await findContact(db, input.org, destination);
  if (!contact) throw new AppError("PORTAL_CONTACT_UNKNOWN", 404);
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await db.transaction(async (tx) => {
    await tx.insert(portalCodes).values({
      orgId: contact.orgId,
      destination,
      codeHash: sha256(`${destination}:${code}`),
      expiresAt: new Date(Date.now() + CODE_MINUTES * 60_000),
    });
    await sendMessage(tx, contact.orgId, {
      channel: destination.includes("@") ? "email" : "sms",
      recipient: destination,
      subject: "客服中心登录验证码",
      body: `您的登录验证码是 ${code}，${CODE_MINUTES} 分钟内有效。如非本人操作请忽略。`,
    });
  });
}

/** Checks the code (at most 5 tries, once only) and opens a portal session for the contact. */
export async function signInWithCode(
  db: Db,
  input: { org: string; destination: string; code: string; ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  const destination = normalise(input.destination);
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
  if (!pending || pending.attempts >= MAX_ATTEMPTS) throw new AppError("PORTAL_CODE_INVALID", 401);
  if (pending.codeHash !== sha256(`${destination}:${input.code.trim()}`)) {
    await db
      .update(portalCodes)
      .set({ attempts: sql`${portalCodes.attempts} + 1` })
      .where(eq(portalCodes.id, pending.id));
    throw new AppError("PORTAL_CODE_INVALID", 401);
  }
  const token = randomToken();
  const csrfToken = randomToken(18);
  const expiresAt = new Date(Date.now() + PORTAL_SESSION_DAYS * 86_400_000);
  await db.transaction(async (tx) => {
    const used = await tx
      .update(portalCodes)
      .set({ usedAt: new Date() })
      .where(and(eq(portalCodes.id, pending.id), isNull(portalCodes.usedAt)))
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
