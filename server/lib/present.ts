import type { FastifyReply } from "fastify";

/** Timestamps leave the API as ISO strings. */
export function iso(value: Date): string;
export function iso(value: Date | null): string | null;
export function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A spreadsheet download with its (Chinese) file name. */
export const sendXlsx = (reply: FastifyReply, name: string, content: Buffer) =>
  reply
    .header("content-type", XLSX)
    .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(content);
