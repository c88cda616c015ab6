import { buildApp } from "./app";
import { filesDirOf, loadConfig } from "./config";
import { openConfiguredDatabase } from "./db/client";
import { JOB_DEFINITIONS } from "./jobs/definitions";
import { JobRunner } from "./jobs/runner";
import { purgeRateLimits, RATE_LIMIT_PURGE_MS } from "./lib/rate-limit";
import { AGREEMENT_SCHEDULE_MS, runAgreementSchedule } from "./modules/agreements/schedule";
import { runSanctionRules, SANCTION_RULES_MS } from "./modules/appraisal/sanctions";
import { CUSTOMER_LISTS_MS, runCustomerLists } from "./modules/callbacks/customer-lists";
import { CALLBACK_SAMPLE_MS, runCallbackSampling } from "./modules/callbacks/sample";
import { printingDriver, setMessageDriver } from "./modules/messaging/outbox";
import { QA_DRAW_MS, runQaDraws } from "./modules/quality/draw";
import { runSupervisionReports, SUPERVISION_REPORT_MS } from "./modules/quality/supervision";
import { RETENTION_MS, runRetention } from "./modules/records/retention";
import { REPORT_SEND_MS, sendDueReports } from "./modules/reports/subscriptions";
import { SLA_SWEEP_MS, sweepDueClocks } from "./modules/sla/clocks";
import { ANALYSIS_REMINDER_MS, remindAnalysisDue } from "./modules/surveys/analysis";
import { CAMPAIGN_LAUNCH_MS, launchDueCampaigns } from "./modules/surveys/campaigns";
import { SURVEY_SEND_MS, sendDueSurveys } from "./modules/surveys/invitations";
import { IDEMPOTENCY_PURGE_MS, purgeIdempotencyKeys } from "./plugins/idempotency";
import { ensureDefaultOrganization } from "./seed/organization";
import { wireModules } from "./wiring";

wireModules();
const config = loadConfig();
const database = await openConfiguredDatabase(config);
const seeded = await ensureDefaultOrganization(database.db, config.adminPassword);
const app = await buildApp(config, database);
// No message provider yet: messages are printed here (the outbox masks codes and personal links).
setMessageDriver(printingDriver((line) => app.log.info(line)));
const runner = new JobRunner(database.db, JOB_DEFINITIONS)
  .every(SLA_SWEEP_MS, (db) => sweepDueClocks(db))
  .every(AGREEMENT_SCHEDULE_MS, runAgreementSchedule)
  .every(CAMPAIGN_LAUNCH_MS, (db) => launchDueCampaigns(db))
  .every(SURVEY_SEND_MS, (db) => sendDueSurveys(db, config.publicUrl))
  .every(CALLBACK_SAMPLE_MS, (db) => runCallbackSampling(db))
  .every(CUSTOMER_LISTS_MS, (db) => runCustomerLists(db))
  .every(ANALYSIS_REMINDER_MS, (db) => remindAnalysisDue(db))
  .every(QA_DRAW_MS, (db) => runQaDraws(db))
  .every(SUPERVISION_REPORT_MS, (db) => runSupervisionReports(db))
  .every(SANCTION_RULES_MS, (db) => runSanctionRules(db))
  .every(REPORT_SEND_MS, (db) => sendDueReports(db, config.publicUrl))
  .every(RETENTION_MS, (db) => runRetention(db, filesDirOf(config)))
  .every(RATE_LIMIT_PURGE_MS, purgeRateLimits)
  .every(IDEMPOTENCY_PURGE_MS, purgeIdempotencyKeys);
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

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  app.log.info(`${signal}: shutting down`);
  await runner.stop();
  await app.close();
  await database.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
