import type { Db } from "../db/client";
import { purgeDomainEvents } from "../lib/domain-events";
import { purgeRateLimits, RATE_LIMIT_PURGE_MS } from "../lib/rate-limit";
import { AGREEMENT_SCHEDULE_MS, runAgreementSchedule } from "../modules/agreements/schedule";
import { runSanctionRules, SANCTION_RULES_MS } from "../modules/appraisal/sanctions";
import { runTimedRules, TIMED_RULES_MS } from "../modules/automations/engine";
import { CUSTOMER_LISTS_MS, runCustomerLists } from "../modules/callbacks/customer-lists";
import { CALLBACK_SAMPLE_MS, runCallbackSampling } from "../modules/callbacks/sample";
import { QA_DRAW_MS, runQaDraws } from "../modules/quality/draw";
import { runSupervisionReports, SUPERVISION_REPORT_MS } from "../modules/quality/supervision";
import { RETENTION_MS, runRetention } from "../modules/records/retention";
import { reindexSearch, SEARCH_REINDEX_MS } from "../modules/records/search-reindex";
import { REPORT_SEND_MS, sendDueReports } from "../modules/reports/subscriptions";
import { SLA_SWEEP_MS, sweepDueClocks } from "../modules/sla/clocks";
import { ANALYSIS_REMINDER_MS, remindAnalysisDue } from "../modules/surveys/analysis";
import { CAMPAIGN_LAUNCH_MS, launchDueCampaigns } from "../modules/surveys/campaigns";
import { SURVEY_SEND_MS, sendDueSurveys } from "../modules/surveys/invitations";
import { purgeDeliveries } from "../modules/webhooks/deliveries";
import { IDEMPOTENCY_PURGE_MS, purgeIdempotencyKeys } from "../plugins/idempotency";
import { purgeFinishedWork } from "./runner";

/** What periodic tasks need from the server's configuration. */
export type ScheduleDeps = { publicUrl: string; filesDir: string };

/**
 * A task run every `everyMs`, once per period across all servers (runner.ts claims each tick in
 * schedule_runs). Each must be safe to run twice: a server can die after the work and before it
 * records the finish — they all act on what is due by a conditional update, not on a count of runs.
 */
export type Schedule = {
  name: string;
  everyMs: number;
  run: (db: Db, deps: ScheduleDeps) => Promise<unknown>;
};

const HOUR = 60 * 60_000;

/** Every periodic task of the server (DESIGN: "Schedules are jobs"). */
export const SCHEDULES: Schedule[] = [
  { name: "sla.sweep", everyMs: SLA_SWEEP_MS, run: (db) => sweepDueClocks(db) },
  { name: "automations.timed", everyMs: TIMED_RULES_MS, run: (db) => runTimedRules(db) },
  { name: "agreements.schedule", everyMs: AGREEMENT_SCHEDULE_MS, run: runAgreementSchedule },
  { name: "surveys.launch_campaigns", everyMs: CAMPAIGN_LAUNCH_MS, run: (db) => launchDueCampaigns(db) },
  { name: "surveys.send", everyMs: SURVEY_SEND_MS, run: (db, deps) => sendDueSurveys(db, deps.publicUrl) },
  { name: "callbacks.sample", everyMs: CALLBACK_SAMPLE_MS, run: (db) => runCallbackSampling(db) },
  { name: "callbacks.customer_lists", everyMs: CUSTOMER_LISTS_MS, run: (db) => runCustomerLists(db) },
  { name: "surveys.analysis_reminders", everyMs: ANALYSIS_REMINDER_MS, run: (db) => remindAnalysisDue(db) },
  { name: "quality.draw", everyMs: QA_DRAW_MS, run: (db) => runQaDraws(db) },
  {
    name: "quality.supervision_reports",
    everyMs: SUPERVISION_REPORT_MS,
    run: (db) => runSupervisionReports(db),
  },
  { name: "appraisal.sanction_rules", everyMs: SANCTION_RULES_MS, run: (db) => runSanctionRules(db) },
  { name: "reports.send", everyMs: REPORT_SEND_MS, run: (db, deps) => sendDueReports(db, deps.publicUrl) },
  { name: "records.retention", everyMs: RETENTION_MS, run: (db, deps) => runRetention(db, deps.filesDir) },
  { name: "search.reindex", everyMs: SEARCH_REINDEX_MS, run: (db) => reindexSearch(db) },
  { name: "purge.rate_limits", everyMs: RATE_LIMIT_PURGE_MS, run: purgeRateLimits },
  { name: "purge.idempotency_keys", everyMs: IDEMPOTENCY_PURGE_MS, run: purgeIdempotencyKeys },
  { name: "purge.finished_work", everyMs: HOUR, run: purgeFinishedWork },
  { name: "purge.domain_events", everyMs: HOUR, run: purgeDomainEvents },
  { name: "purge.webhook_deliveries", everyMs: HOUR, run: purgeDeliveries },
];
