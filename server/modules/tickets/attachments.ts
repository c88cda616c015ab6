import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { attachments } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { AppError, assertNotArchived, invalid, notFound } from "../../lib/errors";
import { loadTicket, type Ticket } from "./load-ticket";
import { requirePart } from "./policy";
import { addTimelineEntry } from "./timeline";

const startsWith = (content: Buffer, bytes: string, at = 0) =>
  content.subarray(at, at + bytes.length / 2).equals(Buffer.from(bytes, "hex"));
const ascii = (content: Buffer, text: string, at = 0) =>
  content.subarray(at, at + text.length).toString("latin1") === text;
const zip = (c: Buffer) => startsWith(c, "504b0304") || startsWith(c, "504b0506");
const ole = (c: Buffer) => startsWith(c, "d0cf11e0a1b11ae1");
/** Text is text: no NUL byte, and nothing a browser would run as a page. */
const text = (c: Buffer) =>
  !c.includes(0) && !/^\s*<(!doctype|html|svg|script|\?xml)/i.test(c.subarray(0, 512).toString("utf8"));

/**
 * The file types a ticket accepts, each with what its content must begin with: the declared type is
 * the sender's word, the bytes are the file (an HTML page sent as image/png is refused).
 */
const ATTACHMENT_TYPES: Record<string, (content: Buffer) => boolean> = {
  "image/png": (c) => startsWith(c, "89504e470d0a1a0a"),
  "image/jpeg": (c) => startsWith(c, "ffd8ff"),
  "image/gif": (c) => ascii(c, "GIF87a") || ascii(c, "GIF89a"),
  "image/webp": (c) => ascii(c, "RIFF") && ascii(c, "WEBP", 8),
  "application/pdf": (c) => ascii(c, "%PDF-"),
  "text/plain": text,
  "text/csv": text,
  "application/zip": zip,
  "application/msword": ole,
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": zip,
  "application/vnd.ms-excel": ole,
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": zip,
  "audio/mpeg": (c) => ascii(c, "ID3") || (c[0] === 0xff && (c[1] & 0xe0) === 0xe0),
  "audio/wav": (c) => ascii(c, "RIFF") && ascii(c, "WAVE", 8),
  "video/mp4": (c) => ascii(c, "ftyp", 4),
};

/** Where an attachment's content lies: content-addressed under the files directory. */
export const filePath = (filesDir: string, sha256: string) => path.join(filesDir, sha256.slice(0, 2), sha256);

/** Refuses a file of a type not taken, whose content is not what its type says, or too large. */
export function assertAttachable(
  file: { mimeType: string; content: Buffer; maxBytes: number },
  types: readonly string[] = Object.keys(ATTACHMENT_TYPES),
) {
  const matches = types.includes(file.mimeType) ? ATTACHMENT_TYPES[file.mimeType] : undefined;
  if (!matches) throw invalid("ATTACHMENT_TYPE_NOT_ALLOWED", { type: file.mimeType });
  if (!matches(file.content)) throw invalid("ATTACHMENT_CONTENT_MISMATCH", { type: file.mimeType });
  if (file.content.length > file.maxBytes) {
    throw new AppError("ATTACHMENT_TOO_LARGE", 413, { limit: Math.round(file.maxBytes / 1024 / 1024) });
  }
}

/** Stores a file content-addressed under the data directory and lists it on the ticket's timeline. */
export async function attachToTicket(
  ctx: Ctx,
  ticketId: string,
  file: { fileName: string; mimeType: string; content: Buffer; maxBytes: number },
  workOrderId: string | null = null,
) {
  if (ctx.actor.type === "user") requireCapability(ctx.actor, "ticket.handle");
  assertAttachable(file);
  const ticket = await loadTicket(ctx.db, ctx, ticketId);
  assertNotArchived(ticket);
  // From a work order, its route has already decided; on the ticket itself, those who follow it up.
  if (!workOrderId) requirePart(ctx.actor, ticket, "follow_up");
  return ctx.db.transaction((tx) => insertAttachment(tx, ctx, ticket, file, workOrderId));
}

/**
 * The file written (content-addressed, so writing it again is harmless) and recorded in the
 * caller's transaction: a photo or signature of a work order is also on its ticket's timeline.
 */
export async function insertAttachment(
  tx: Executor,
  ctx: Ctx,
  ticket: Ticket,
  file: { fileName: string; mimeType: string; content: Buffer },
  workOrderId: string | null,
) {
  const sha256 = createHash("sha256").update(file.content).digest("hex");
  const target = filePath(ctx.filesDir, sha256);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, file.content);
  const [row] = await tx
    .insert(attachments)
    .values({
      orgId: ctx.actor.orgId,
      ticketId: ticket.id,
      workOrderId,
      fileName: file.fileName,
      mimeType: file.mimeType,
      size: file.content.length,
      sha256,
    })
    .returning();
  await addTimelineEntry(tx, ctx, ticket, {
    kind: "attachment",
    data: { attachmentId: row.id, fileName: row.fileName, size: row.size, mimeType: row.mimeType },
    isPublic: true,
  });
  await writeAudit(tx, ctx, {
    action: "ticket.attached",
    entityType: "ticket",
    entityId: ticket.id,
    after: { fileName: row.fileName, sha256, workOrderId },
  });
  return row;
}

/** An attachment of a ticket the actor may see. */
export async function readAttachment(ctx: Ctx, attachmentId: string) {
  const [row] = await ctx.db
    .select()
    .from(attachments)
    .where(and(eq(attachments.orgId, ctx.actor.orgId), eq(attachments.id, attachmentId)));
  if (!row) throw notFound();
  await loadTicket(ctx.db, ctx, row.ticketId);
  return { ...row, content: await readFile(filePath(ctx.filesDir, row.sha256)) };
}
