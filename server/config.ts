import path from "node:path";
import { z } from "zod";

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  KEFU_DATA_DIR: z.string().default("./data"),
  KEFU_ADMIN_PASSWORD: z.string().min(10).optional(),
  KEFU_ATTACHMENT_MAX_MB: z.coerce.number().positive().max(1024).default(20),
  KEFU_SECURE_COOKIES: z.enum(["true", "false"]).default("false"),
  KEFU_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  KEFU_JOBS: z.enum(["on", "off"]).default("on"),
  /** Where customers reach the server: links in survey messages start with it. */
  KEFU_PUBLIC_URL: z.url().optional(),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  adminPassword?: string;
  attachmentMaxBytes: number;
  secureCookies: boolean;
  logLevel: string;
  runJobs: boolean;
  publicUrl: string;
};

/** Reads the environment; on bad values prints every problem and exits (no half-configured server). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    console.error("Kefu cannot start — invalid configuration / 配置有误:");
    for (const issue of parsed.error.issues) console.error(`  ${issue.path.join(".")}: ${issue.message}`);
    process.exit(1);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.KEFU_DATA_DIR),
    adminPassword: e.KEFU_ADMIN_PASSWORD,
    attachmentMaxBytes: Math.round(e.KEFU_ATTACHMENT_MAX_MB * 1024 * 1024),
    secureCookies: e.KEFU_SECURE_COOKIES === "true",
    logLevel: e.KEFU_LOG_LEVEL,
    runJobs: e.KEFU_JOBS === "on",
    publicUrl: (e.KEFU_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
  };
}
