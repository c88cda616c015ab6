import { and, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { ErrorCode, MessageParam } from "../../../common/errors";
import { bulkInput } from "../../../common/schemas/tickets";
import { tickets } from "../../db/schema";
import type { Ctx } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { changeTicketStatus } from "./change-status";
import { classifyTicket } from "./classify-ticket";
import { visibleTickets } from "./policy";
import { transferTicket } from "./transfer-ticket";

/** A ticket the change did not reach, with its number when the caller may see it. */
export type BulkFailure = {
  id: string;
  number: string | null;
  code: ErrorCode;
  params: Record<string, MessageParam>;
};

/**
 * The same change to many tickets at once, each through the one function that makes it for a single
 * ticket (its rules, timeline entry, audit and notifications), each in its own transaction: one that
 * may not change (closed meanwhile, not the caller's to change) is reported and the others go on.
 */
export async function bulkChange(ctx: Ctx, raw: z.input<typeof bulkInput>) {
  const input = bulkInput.parse(raw);
  const failed: BulkFailure[] = [];
  let done = 0;
  for (const id of new Set(input.ids)) {
    try {
      if (input.action === "transfer")
        await transferTicket(ctx, id, {
          assigneeId: input.assigneeId,
          departmentId: input.departmentId,
          reason: input.reason,
        });
      else if (input.action === "priority")
        await classifyTicket(ctx, id, { priority: input.priority, reason: input.reason });
      else await changeTicketStatus(ctx, id, { action: "close", text: input.reason });
      done++;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // Refused for everyone alike (no capability): nothing else would go through either.
      if (error.code === "FORBIDDEN") throw error;
      failed.push({ id, number: null, code: error.code, params: error.params });
    }
  }
  if (failed.length) {
    const rows = await ctx.db
      .select({ id: tickets.id, number: tickets.number })
      .from(tickets)
      .where(
        and(
          visibleTickets(ctx.actor),
          inArray(
            tickets.id,
            failed.map((f) => f.id),
          ),
        ),
      );
    for (const f of failed) f.number = rows.find((r) => r.id === f.id)?.number ?? null;
  }
  return { done, failed };
}
