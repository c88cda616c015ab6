import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, jobs, notifications, webhookDeliveries, webhookEndpoints } from "../../db/schema";
import {
  createOrg,
  createStaff,
  createTestTicket,
  runDueJobs,
  setupTestOrg,
  usernameOf,
} from "../../test/factories";
import { webhookReceiver } from "../../test/webhook-receiver";
import { changeTicketStatus } from "../tickets/change-status";
import { replyToTicket } from "../tickets/reply-to-ticket";
import { DISABLE_AFTER_FAILING_MS, deliverWebhook, RETRY_DELAYS_MS, resendDelivery } from "./deliveries";
import { createEndpoint, updateEndpoint } from "./endpoints";
import { allowWebhookHosts, isInternalAddress } from "./target";

const env = setupTestOrg();

let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
let url = "";
beforeAll(async () => {
  receiver = await webhookReceiver("/hooks/kefu");
  url = receiver.url;
});
afterAll(() => {
  receiver.close();
  allowWebhookHosts([]);
});

const deliverDue = (orgId = env.org.orgId) => runDueJobs(env.database, orgId, deliverWebhook);

/** Makes the pending retries due now. */
const hurry = (orgId = env.org.orgId) =>
  env.database.db
    .update(jobs)
    .set({ runAt: new Date() })
    .where(and(eq(jobs.orgId, orgId), eq(jobs.name, deliverWebhook.name), isNull(jobs.completedAt)));

describe("webhooks (M13)", () => {
  it("an administrator registers an endpoint; the secret is shown once; events reach a receiver signed the Standard Webhooks way", async () => {
    allowWebhookHosts(["127.0.0.1"]);
    const admin = await createStaff(env.database, env.org, "admin");
    const client = await env.http.signIn(await usernameOf(env.database, admin.actor.userId));
    const created = await client.request("POST", "/api/webhooks", {
      name: "工单同步到 ERP",
      url,
      events: ["ticket.created", "ticket.status_changed", "ticket.created"],
    });
    expect(created.statusCode).toBe(201);
    const { endpoint, secret: shown } = created.json();
    receiver.state.secret = shown;
    expect(shown).toMatch(/^whsec_/);
    expect(endpoint).toMatchObject({ name: "工单同步到 ERP", active: true, failingSince: null });
    expect(endpoint.events).toEqual(["ticket.created", "ticket.status_changed"]);
    const listed = await client.request("GET", "/api/webhooks");
    expect(listed.json().items).toHaveLength(1);
    expect(listed.body).not.toContain(shown);
    const [stored] = await env.database.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, endpoint.id));
    expect(stored.secretSealed).not.toContain(shown.slice(6));

    // An agent in 客服部 works a ticket: its creation and status changes go out; a reply does not.
    const agent = await createStaff(env.database, env.org, "agent");
    const ticket = await createTestTicket(agent, { newCustomer: { name: "钱女士", phone: "13700001111" } });
    await changeTicketStatus(agent, ticket.id, { action: "start" });
    await replyToTicket(agent, ticket.id, { body: "钱女士您好" });
    expect(await deliverDue()).toBe(2);
    expect(receiver.state.received.map((r) => [r.type, r.verified])).toEqual([
      ["ticket.created", true],
      ["ticket.status_changed", true],
    ]);
    expect(receiver.state.received[0].data).toMatchObject({
      ticketId: ticket.id,
      number: ticket.number,
      type: "inquiry",
    });
    expect(JSON.stringify(receiver.state.received)).not.toContain("钱女士");
    expect(receiver.state.received[0].id).toMatch(/^msg_\d+$/);

    const log = await client.request("GET", `/api/webhooks/${endpoint.id}/deliveries`);
    expect(
      log.json().items.map((d: { status: string; responseStatus: number }) => [d.status, d.responseStatus]),
    ).toEqual([
      ["succeeded", 200],
      ["succeeded", 200],
    ]);
    expect(log.json().items[0].durationMs).toBeGreaterThanOrEqual(0);
    expect(log.json().items[0].responseExcerpt).toBe("received");
  });

  it("a failing receiver gets retries with back-off; after a day of failures the endpoint is switched off and administrators told; resend delivers again under the same id", async () => {
    allowWebhookHosts(["127.0.0.1"]);
    const org = await createOrg(env.database);
    const admin = await createStaff(env.database, org, "admin");
    const made = await createEndpoint(admin, { name: "客服大屏", url, events: ["ticket.created"] });
    receiver.state.secret = made.secret;
    const agent = await createStaff(env.database, org, "agent");
    receiver.state.status = 500;
    receiver.state.received.length = 0;
    await createTestTicket(agent);
    expect(await deliverDue(org.orgId)).toBe(1);
    const deliveryOf = async () =>
      (
        await env.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.orgId, org.orgId))
      )[0];
    let delivery = await deliveryOf();
    expect(delivery).toMatchObject({ status: "pending", attempts: 1, responseStatus: 500 });
    expect(delivery.responseExcerpt).toBe("receiver is down for maintenance");
    const wait = delivery.nextAttemptAt!.getTime() - delivery.lastAttemptAt!.getTime();
    expect(wait).toBe(RETRY_DELAYS_MS[0]);
    expect(await deliverDue(org.orgId)).toBe(0); // not yet due
    await hurry(org.orgId);
    await deliverDue(org.orgId);
    delivery = await deliveryOf();
    expect(delivery.attempts).toBe(2);
    expect(delivery.nextAttemptAt!.getTime() - delivery.lastAttemptAt!.getTime()).toBe(RETRY_DELAYS_MS[1]);
    expect(RETRY_DELAYS_MS.reduce((a, b) => a + b, 0)).toBeGreaterThan(DISABLE_AFTER_FAILING_MS);

    // The endpoint has been failing for more than a day: the next failure switches it off.
    await env.database.db
      .update(webhookEndpoints)
      .set({ failingSince: new Date(Date.now() - DISABLE_AFTER_FAILING_MS - 60_000) })
      .where(eq(webhookEndpoints.id, made.endpoint.id));
    await hurry(org.orgId);
    await deliverDue(org.orgId);
    const [endpoint] = await env.database.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, made.endpoint.id));
    expect(endpoint.active).toBe(false);
    expect(endpoint.disabledForFailingAt).not.toBeNull();
    const told = await env.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.orgId, org.orgId), eq(notifications.kind, "webhook_disabled")));
    expect(told.map((n) => n.userId)).toContain(admin.actor.userId);
    expect(told.map((n) => n.userId)).not.toContain(agent.actor.userId);
    const audited = await env.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.orgId), eq(auditLog.action, "webhook.disabled_for_failing")));
    expect(audited).toHaveLength(1);
    // Switched off: the remaining retry ends without sending; new events make no deliveries.
    await hurry(org.orgId);
    await deliverDue(org.orgId);
    expect(await deliveryOf()).toMatchObject({ status: "failed", failure: "endpoint_off" });
    const sent = receiver.state.received.length;
    await createTestTicket(agent);
    expect(await deliverDue(org.orgId)).toBe(0);

    // Fixed and switched on again by the administrator; the failed delivery is resent.
    receiver.state.status = 200;
    const on = await updateEndpoint(admin, made.endpoint.id, {
      name: "客服大屏",
      url,
      events: ["ticket.created"],
    });
    expect(on).toMatchObject({ active: true, failingSince: null, disabledForFailingAt: null });
    const failed = await deliveryOf();
    await resendDelivery(admin, made.endpoint.id, failed.id);
    await deliverDue(org.orgId);
    expect(await deliveryOf()).toMatchObject({
      status: "succeeded",
      attempts: 1,
      responseStatus: 200,
      failure: null,
    });
    expect(receiver.state.received.slice(sent).map((r) => [r.id, r.verified])).toEqual([
      [receiver.state.received[0].id, true],
    ]);
  });

  it("refuses targets inside the network, when saved and when sent, unless the operator allows the host", async () => {
    allowWebhookHosts([]);
    const admin = await createStaff(env.database, env.org, "admin");
    const client = await env.http.signIn(await usernameOf(env.database, admin.actor.userId));
    for (const target of [
      url,
      "http://localhost:8080/x",
      "http://10.1.2.3/x",
      "http://169.254.169.254/latest/meta-data/",
      "http://[::1]/x",
      "http://[::ffff:127.0.0.1]/x",
      "http://[fd00:ec2::254]/x",
    ]) {
      const res = await client.request("POST", "/api/webhooks", {
        name: "内网",
        url: target,
        events: ["ticket.created"],
      });
      expect([target, res.statusCode, res.json().error.details?.[0]]).toEqual([
        target,
        422,
        { path: "/url", problem: "internal_address" },
      ]);
    }
    expect(isInternalAddress("8.8.8.8")).toBe(false);
    expect(isInternalAddress("2001:4860:4860::8888")).toBe(false);
    const unresolvable = await client.request("POST", "/api/webhooks", {
      name: "无效",
      url: "http://no-such-host.invalid/x",
      events: ["ticket.created"],
    });
    expect(unresolvable.json().error.details?.[0]).toEqual({ path: "/url", problem: "unresolvable" });

    // Saved while the operator allowed it, sent after the allowance was withdrawn: refused, not sent.
    allowWebhookHosts(["127.0.0.1"]);
    const org = await createOrg(env.database);
    const orgAdmin = await createStaff(env.database, org, "admin");
    await createEndpoint(orgAdmin, { name: "曾被允许", url, events: ["ticket.created"] });
    allowWebhookHosts([]);
    const before = receiver.state.received.length;
    await createTestTicket(await createStaff(env.database, org, "agent"));
    await deliverDue(org.orgId);
    expect(receiver.state.received.length).toBe(before);
    const [delivery] = await env.database.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.orgId, org.orgId));
    expect(delivery).toMatchObject({
      status: "pending",
      responseStatus: null,
      failure: "internal_address",
      responseExcerpt: null,
    });
  });

  it("bad input is answered 422 naming the field; another organisation's endpoint is not found", async () => {
    allowWebhookHosts(["127.0.0.1"]);
    const admin = await createStaff(env.database, env.org, "admin");
    const client = await env.http.signIn(await usernameOf(env.database, admin.actor.userId));
    const cases: [unknown, string][] = [
      [{ name: "", url, events: ["ticket.created"] }, "/name"],
      [{ name: "x".repeat(61), url, events: ["ticket.created"] }, "/name"],
      [{ name: "文件", url: "ftp://127.0.0.1/x", events: ["ticket.created"] }, "/url"],
      [{ name: "空", url, events: [] }, "/events"],
      [{ name: "未知", url, events: ["ticket.exploded"] }, "/events/0"],
    ];
    for (const [body, field] of cases) {
      const res = await client.request("POST", "/api/webhooks", body);
      expect([res.statusCode, res.json().error.details?.[0]?.path]).toEqual([422, field]);
    }
    const other = await createOrg(env.database);
    const theirs = await createEndpoint(await createStaff(env.database, other, "admin"), {
      name: "别家",
      url,
      events: ["ticket.created"],
    });
    const id = theirs.endpoint.id;
    for (const [method, path] of [
      ["GET", `/api/webhooks/${id}/deliveries`],
      ["POST", `/api/webhooks/${id}/secret`],
      ["DELETE", `/api/webhooks/${id}`],
    ] as const) {
      expect((await client.request(method, path)).statusCode).toBe(404);
    }
  });
});
