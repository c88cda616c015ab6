import path from "node:path";
import { z } from "zod";
import { describeIssues, fieldIssueOf } from "../common/validation";

export const configSchema = z.object({
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

/**
 * What is wrong with the environment, one line per variable, in Chinese and English (an operator
 * reads the server's console): "PORT：不能大于 65535 / PORT must be at most 65535".
 */
export function configProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const said = describeIssues([fieldIssueOf(issue)]);
    const choices = "values" in issue && Array.isArray(issue.values) ? `（${issue.values.join(" / ")}）` : "";
    return `${said["zh-CN"]}${choices} / ${said["en-US"]}`;
  });
}

/** Reads the environment; on bad values prints every problem and exits (no half-configured server). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    console.error("Kefu 无法启动：配置有误 / Kefu cannot start — invalid configuration:");
    for (const line of configProblems(parsed.error)) console.error(`  ${line}`);
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
