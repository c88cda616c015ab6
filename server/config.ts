import { isIP } from "node:net";
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
  /** Every periodic task at this period instead of its own (trials and tests), in milliseconds. */
  KEFU_SCHEDULE_EVERY_MS: z.coerce.number().int().min(1000).optional(),
  /** Where customers reach the server: links in survey messages start with it. */
  KEFU_PUBLIC_URL: z.url().optional(),
  /**
   * The reverse proxies whose X-Forwarded-For is believed (addresses, CIDR ranges, or loopback /
   * linklocal / uniquelocal), comma-separated. Off by default: the audit and the rate limits use the
   * connecting address, which a client cannot choose.
   */
  KEFU_TRUST_PROXY: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().refine(isProxyAddress))),
  /** The API documentation (/api/docs) without signing in. */
  KEFU_PUBLIC_API_DOCS: z.enum(["true", "false"]).default("false"),
  /** The key that seals stored secrets (32 bytes, base64); else a key file in the data directory. */
  KEFU_SECRET_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "32 bytes, base64")
    .optional(),
  /** Hosts webhooks may reach although they resolve inside the network, comma-separated. */
  KEFU_WEBHOOK_ALLOW_HOSTS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((item) => item.trim().toLowerCase())
        .filter(Boolean),
    ),
});

function isProxyAddress(value: string) {
  if (["loopback", "linklocal", "uniquelocal"].includes(value)) return true;
  const [address, bits, ...rest] = value.split("/");
  if (rest.length || !isIP(address)) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(address) === 4 ? 32 : 128));
}

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
  scheduleEveryMs?: number;
  publicUrl: string;
  trustProxy: string[];
  publicApiDocs: boolean;
  secretKey?: string;
  webhookAllowHosts: string[];
};

/** Where attachments are kept: content-addressed files under the data directory. */
export const filesDirOf = (config: Pick<Config, "dataDir">) => path.join(config.dataDir, "files");

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
    scheduleEveryMs: e.KEFU_SCHEDULE_EVERY_MS,
    publicUrl: (e.KEFU_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    trustProxy: e.KEFU_TRUST_PROXY,
    publicApiDocs: e.KEFU_PUBLIC_API_DOCS === "true",
    secretKey: e.KEFU_SECRET_KEY,
    webhookAllowHosts: e.KEFU_WEBHOOK_ALLOW_HOSTS,
  };
}
