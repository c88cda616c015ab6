import { existsSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

export const CONSOLE_DIR = path.resolve(import.meta.dirname, "../../dist/web");

/** Serves the built console; any non-API path falls back to index.html (client-side routing). */
export async function registerConsole(app: FastifyInstance) {
  if (!existsSync(path.join(CONSOLE_DIR, "index.html"))) {
    app.log.warn("console not built (npm run build:web); serving the API only");
    return false;
  }
  await app.register(fastifyStatic, {
    root: CONSOLE_DIR,
    wildcard: false,
    index: "index.html",
    // The build wrote .br and .gz copies: sent as they are to browsers that accept them.
    preCompressed: true,
    // Hashed assets never change under their name; the page that names them is asked for each time.
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      reply.header(
        "cache-control",
        filePath.includes(`${path.sep}assets${path.sep}`)
          ? "public, max-age=31536000, immutable"
          : "no-cache",
      );
    },
  });
  return true;
}
