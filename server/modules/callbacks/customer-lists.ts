import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { localIsoDate, startOfLocalDay } from "../../../common/business-time";
import type { CustomerCallbackList } from "../../../common/enums";
import { addDays, addMonths, warrantyOn } from "../../../common/field-service";
import type { CallbackDetail } from "../../../common/schemas/callbacks";
import { type Db, type Executor, queryRows } from "../../db/client";
import { callbackSamples, organizations } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { systemCtx } from "../../lib/context";
import { calendarPeriod, officeCalendar } from "../../lib/periods";
import { usersWithCapability } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";
import { surveySettingsOf } from "../surveys/settings";
import { drawOf } from "./sample";

/** How often every server looks for callbacks to list (each entry is made once, by its key). */
export const CUSTOMER_LISTS_MS = 60 * 60_000;

type Entry = {
  key: string;
  list: CustomerCallbackList;
  customerId: string;
  purchaseId?: string | null;
  sampleId?: string | null;
  detail: CallbackDetail;
  dueOn: string;
};

/**
 * Adds entries to the lists — each once, whatever its key already made — with the customer's primary
 * contact and owner (their account manager calls; with none, any callback agent may). Returns how
 * many were new, per assignee, so they can be told.
 */
async function addEntries(tx: Executor, orgId: string, entries: Entry[]) {
  const made: { assignee_id: string | null }[] = [];
  for (let i = 0; i < entries.length; i += 500) {
    const rows = entries.slice(i, i + 500);
    made.push(
      ...(await queryRows<{ assignee_id: string | null }>(
        tx,
        sql`INSERT INTO customer_callbacks
              (org_id, key, list, customer_id, contact_id, purchase_id, sample_id, detail, due_on, assignee_id)
            SELECT ${orgId}::uuid, e.key, e.list, c.id,
              (SELECT k.id FROM contacts k WHERE k.org_id = c.org_id AND k.customer_id = c.id ORDER BY k.is_primary DESC, k.name LIMIT 1),
              e.purchase_id, e.sample_id, e.detail, e.due_on, c.owner_user_id
            FROM jsonb_to_recordset(${JSON.stringify(
              rows.map((e) => ({
                key: e.key,
                list: e.list,
                customer_id: e.customerId,
                purchase_id: e.purchaseId ?? null,
                sample_id: e.sampleId ?? null,
                detail: e.detail,
                due_on: e.dueOn,
              })),
            )}::jsonb) AS e(key text, list text, customer_id uuid, purchase_id uuid, sample_id uuid, detail jsonb, due_on date)
            JOIN customers c ON c.id = e.customer_id AND c.org_id = ${orgId}::uuid
            ON CONFLICT (org_id, key) DO NOTHING
            RETURNING assignee_id`,
      )),
    );
  }
  return made;
}

/**
 * C089: once a month a share of the active customers (not merged, not mere prospects) is drawn for a
 * satisfaction callback with the 客户满意度调查表, due by the month's end. The draw is the HMAC of each
 * customer's id keyed by a seed stored with the sample, so it can be made again and checked.
 */
async function monthlySample(tx: Executor, orgId: string, today: string, share: number, seed: string) {
  const month = calendarPeriod("month", today);
  const [sample] = await tx
    .insert(callbackSamples)
    .values({ orgId, kind: "customers", day: month.first, seed, share, population: 0, drawn: 0 })
    .onConflictDoNothing()
    .returning();
  if (!sample) return [];
  const population = await queryRows<{ id: string }>(
    tx,
    sql`SELECT id FROM customers
        WHERE org_id = ${orgId} AND merged_into_id IS NULL AND grade <> 'potential' ORDER BY id`,
  );
  const drawn = population.filter((c) => drawOf(seed, c.id) < share);
  await tx
    .update(callbackSamples)
    .set({ population: population.length, drawn: drawn.length })
    .where(and(eq(callbackSamples.orgId, orgId), eq(callbackSamples.id, sample.id)));
  await writeAudit(tx, systemCtx(tx, orgId), {
    action: "callback.customers_sampled",
    entityType: "callback_sample",
    entityId: sample.id,
    after: { month: month.key, seed, share, population: population.length, drawn: drawn.length },
  });
  return drawn.map(
    (c): Entry => ({
      key: `sample:${month.key}:${c.id}`,
      list: "monthly_sample",
      customerId: c.id,
      sampleId: sample.id,
      detail: { month: month.key },
      dueOn: month.last,
    }),
  );
}

/**
 * C090: customers nobody has heard from for `months` — no ticket, no callback made, since they were
 * entered — are called (流失客户回访). Keyed by the last contact, so a customer comes back on the list
 * only after another silence as long.
 */
async function dormantCustomers(
  tx: Executor,
  orgId: string,
  today: string,
  months: number,
  timeZone: string,
) {
  const before = startOfLocalDay(addMonths(today, -months), timeZone).toISOString();
  const rows = await queryRows<{ id: string; last: string }>(
    tx,
    sql`SELECT c.id, to_char(l.last AT TIME ZONE ${timeZone}, 'YYYY-MM-DD') AS last
        FROM customers c
        CROSS JOIN LATERAL (SELECT greatest(c.created_at,
            (SELECT max(t.created_at) FROM tickets t WHERE t.org_id = c.org_id AND t.customer_id = c.id),
            (SELECT max(b.done_at) FROM customer_callbacks b
              WHERE b.org_id = c.org_id AND b.customer_id = c.id AND b.status = 'done')) AS last) l
        WHERE c.org_id = ${orgId} AND c.merged_into_id IS NULL AND l.last < ${before}::timestamptz`,
  );
  return rows.map(
    (c): Entry => ({
      key: `dormant:${c.id}:${c.last}`,
      list: "dormant",
      customerId: c.id,
      detail: { lastContact: c.last, months },
      dueOn: today,
    }),
  );
}

type Purchase = {
  id: string;
  customer_id: string;
  order_no: string | null;
  product: string;
  model: string | null;
  delivered_on: string | null;
  warranty_ends_on: string | null;
  agreement_months: number | null;
};

/** Whole months from `from` to `to` (a day the month lacks counts at the month's end, as addMonths does). */
function monthsBetween(from: string, to: string) {
  let m =
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
    Number(to.slice(5, 7)) -
    Number(from.slice(5, 7));
  while (m > 0 && addMonths(from, m) > to) m--;
  return m;
}

/**
 * C091: a warranty ending within `leadDays` is called about ahead (one entry per customer and day,
 * listing the units). C092: a delivered project — the units of one order — is called monthly in its
 * first year and quarterly after, while under warranty; the latest call due is listed.
 * The warranty is the work order's (C083: the agreement's term, else the purchase's end, else 2 years).
 */
async function purchaseLists(
  tx: Executor,
  orgId: string,
  today: string,
  rules: { reminderLeadDays: number; projectCallbacks: boolean },
) {
  const purchases = await queryRows<Purchase>(
    tx,
    sql`SELECT p.id, p.customer_id, p.order_no, p.product, p.model,
          p.delivered_on::text AS delivered_on, p.warranty_ends_on::text AS warranty_ends_on,
          (SELECT a.warranty_months FROM service_agreements a
            WHERE a.org_id = p.org_id AND a.customer_id = p.customer_id AND a.terminated_at IS NULL
              AND a.starts_on <= ${today}::date AND a.ends_on >= ${today}::date
            ORDER BY a.starts_on DESC LIMIT 1) AS agreement_months
        FROM purchases p JOIN customers c ON c.org_id = p.org_id AND c.id = p.customer_id AND c.merged_into_id IS NULL
        WHERE p.org_id = ${orgId} AND (p.delivered_on IS NOT NULL OR p.warranty_ends_on IS NOT NULL)
        ORDER BY p.customer_id, p.delivered_on, p.id`,
  );
  const lastReminderDay = addDays(today, rules.reminderLeadDays);
  const ending = new Map<string, { customerId: string; endsOn: string; units: Purchase[] }>();
  // A project is the units of one order still under warranty.
  const projects = new Map<string, { customerId: string; orderNo: string | null; units: Purchase[] }>();
  for (const p of purchases) {
    const { endsOn } = warrantyOn(
      { warrantyEndsOn: p.warranty_ends_on, deliveredOn: p.delivered_on },
      today,
      p.agreement_months ?? undefined,
    );
    if (!endsOn || endsOn < today) continue;
    if (endsOn <= lastReminderDay) {
      const key = `${p.customer_id}:${endsOn}`;
      const e = ending.get(key) ?? { customerId: p.customer_id, endsOn, units: [] };
      e.units.push(p);
      ending.set(key, e);
    }
    if (rules.projectCallbacks && p.delivered_on) {
      const key = `${p.customer_id}:${p.order_no ?? p.id}`;
      const e = projects.get(key) ?? { customerId: p.customer_id, orderNo: p.order_no, units: [] };
      e.units.push(p);
      projects.set(key, e);
    }
  }
  const unitsOf = (units: Purchase[]) => ({
    units: units.slice(0, 5).map((u) => [u.product, u.model].filter(Boolean).join(" ")),
    unitCount: units.length,
  });
  const entries: Entry[] = [...ending.values()].map((e) => ({
    key: `warranty:${e.customerId}:${e.endsOn}`,
    list: "warranty_due",
    customerId: e.customerId,
    purchaseId: e.units[0].id,
    detail: { endsOn: e.endsOn, ...unitsOf(e.units) },
    dueOn: today,
  }));
  for (const [key, project] of projects) {
    const deliveredOn = project.units.map((u) => u.delivered_on!).sort()[0];
    const months = monthsBetween(deliveredOn, today);
    if (months < 1) continue;
    // Monthly for the first twelve months, then every third month.
    const at = months <= 12 ? months : 12 + Math.floor((months - 12) / 3) * 3;
    entries.push({
      key: `project:${key}:${at}`,
      list: "project",
      customerId: project.customerId,
      purchaseId: project.units[0].id,
      detail: { orderNo: project.orderNo, ...unitsOf(project.units), monthAfter: at },
      dueOn: addMonths(deliveredOn, at),
    });
  }
  return entries;
}

/**
 * Makes one organisation's 客户回访名单 for a day (C089–C092) — safe to run again and on several servers
 * at once: every entry has a key, and a month's sample its row. The assignees are told what is new;
 * entries nobody owns go to the callback desk, who are told too.
 */
export async function drawCustomerLists(
  db: Db,
  orgId: string,
  now = new Date(),
  seed = randomBytes(16).toString("hex"),
) {
  return db.transaction(async (tx) => {
    const rules = (await surveySettingsOf(tx, orgId)).customerLists;
    const { timeZone } = await officeCalendar(tx, orgId);
    const today = localIsoDate(now, timeZone);
    const entries = [
      ...(rules.sampleShare > 0 ? await monthlySample(tx, orgId, today, rules.sampleShare, seed) : []),
      ...(await dormantCustomers(tx, orgId, today, rules.dormantMonths, timeZone)),
      ...(await purchaseLists(tx, orgId, today, rules)),
    ];
    const made = await addEntries(tx, orgId, entries);
    const perAssignee = new Map<string | null, number>();
    for (const r of made) perAssignee.set(r.assignee_id, (perAssignee.get(r.assignee_id) ?? 0) + 1);
    for (const [userId, count] of perAssignee) {
      const to = userId ? [userId] : await usersWithCapability(tx, orgId, "survey.callback");
      await notifyUsers(tx, orgId, to, { kind: "customer_callbacks", params: { count: String(count) } });
    }
    return made.length;
  });
}

/** Every organisation's lists for today. */
export async function runCustomerLists(db: Db, now = new Date()) {
  let made = 0;
  for (const { id } of await db.select({ id: organizations.id }).from(organizations))
    made += await drawCustomerLists(db, id, now);
  return made;
}
