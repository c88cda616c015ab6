import { buildApp } from "./app";
import { filesDirOf, loadConfig } from "./config";
import { openConfiguredDatabase } from "./db/client";
import { JOB_DEFINITIONS } from "./jobs/definitions";
import { JobRunner } from "./jobs/runner";
import { SCHEDULES } from "./jobs/schedules";
import { printingDriver, setMessageDriver } from "./modules/messaging/outbox";
import { ensureDefaultOrganization } from "./seed/organization";
import { wireModules } from "./wiring";

wireModules();
const config = loadConfig();
const database = await openConfiguredDatabase(config);
const seeded = await ensureDefaultOrganization(database.db, config.adminPassword);
const app = await buildApp(config, database);
// No message provider yet: messages are printed here (the outbox masks codes and personal links).
setMessageDriver(printingDriver((line) => app.log.info(line)));
const runner = new JobRunner(database.db, JOB_DEFINITIONS).schedule(
  SCHEDULES,
  { publicUrl: config.publicUrl, filesDir: filesDirOf(config) },
  config.scheduleEveryMs,
);
if (config.runJobs) runner.start();

await app.listen({ port: config.port, host: config.host });
const url = `http://localhost:${config.port}`;
console.log(
  `\nKefu 客服 is running: ${url}  (database: ${database.kind === "pglite" ? `embedded, ${config.dataDir}` : "PostgreSQL"})`,
);
if (seeded) {
  console.log("\n  Default organisation created / 已创建默认组织");
  console.log(`  Administrator / 管理员: ${seeded.adminUsername}`);
  if (!config.adminPassword) {
    console.log(`  One-time password / 一次性密码: ${seeded.adminPassword}`);
    console.log("  (shown once; you must change it at first sign-in / 仅显示一次，首次登录须修改)\n");
  }
}

/**
 * Graceful shutdown (SIGTERM from the service manager, Ctrl-C): stop taking requests (readiness says
 * 503 from the start, in-flight requests finish), let the running job or periodic task finish, close
 * the database. A run cut short by a hard kill is taken up by another server after its lock lapses.
 */
const SHUTDOWN_LIMIT_MS = 60_000;
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  app.log.info(`${signal}: shutting down`);
  setTimeout(() => {
    console.error(`Kefu: not stopped within ${SHUTDOWN_LIMIT_MS / 1000} s, exiting`);
    process.exit(1);
  }, SHUTDOWN_LIMIT_MS).unref();
  await app.close();
  await runner.stop();
  await database.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
