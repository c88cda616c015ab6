import type { FastifyRequest } from "fastify";
import { invalid, invalidField } from "./errors";

/** The one file of a multipart request, read whole; too large a file is refused with its limit. */
export async function readUploadedFile(request: FastifyRequest, maxBytes: number) {
  const file = await request.file();
  if (!file) throw invalidField("file", "required");
  const content = await file.toBuffer().catch(() => {
    throw invalid("ATTACHMENT_TOO_LARGE", { limit: Math.round(maxBytes / 1024 / 1024) });
  });
  return { fileName: file.filename, mimeType: file.mimetype, content, maxBytes };
}
