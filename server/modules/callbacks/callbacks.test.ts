import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { localIsoDate } from "../../../common/business-time";
import { PRIORITIES } from "../../../common/enums";
import {
  auditLog,
  callbackSamples,
  callbackTasks,
  notifications,
  roles,
  surveyInvitations,
  surveyResponses,
  tickets,
  userRoles,
} from "../../db/schema";
import {
  codeOf,
  createOrg,
  createStaff,
  createTestTicket,
  defaultAnswers,
  setupTestOrg,
  type TestOrg,
} from "../../test/factories";
import { loadStaffActor } from "../identity/sessions";
import { openSurvey } from "../surveys/answers";
import { updateSurveySettings } from "../surveys/settings";
import { changeTicketStatus } from "../tickets/change-status";
import { recordSatisfactionCall } from "./call";
import { callbackSampleReport, drawCallbackSample, isDrawn, resolvedOn } from "./sample";

const env = setupTestOrg();
const today = () => localIsoDate(new Date(), "Asia/Shanghai");

/** Every sampled P3 ticket drawn: the tests then know which ones are called back. */
async function callEveryP3(org: TestOrg) {
  const admin = await createStaff(env.database, org, "admin");
  await updateSurveySettings(admin, {
    samplingRates: { P1: 0.8, P2: 0.5, P3: 1, P4: 0.05 },
    satisfactionTarget: 0.95,
  });
}

async function resolvedTicket(org: TestOrg, agentName: string) {
  const agent = await createStaff(env.database, org, "agent", { name: agentName });
  const ticket = await createTestTicket(agent, { newCustomer: { name: "周女士", phone: "13855556666" } });
  await changeTicketStatus(agent, ticket.id, { action: "start" });
  await changeTicketStatus(agent, ticket.id, { action: "resolve", text: "已电话指导恢复" });
  return { agent, ticket };
}

const tasksOf = (orgId: string) =>
  env.database.db
    .select()
    .from(callbackTasks)
    .where(and(eq(callbackTasks.orgId, orgId), eq(callbackTasks.reason, "satisfaction_sample")));

describe("sampled satisfaction callbacks", () => {
  it("C086 over 10k resolved tickets each priority is drawn at its rate, and the stored seed draws the same tickets again", async () => {
    const org = await createOrg(env.database);
    await createStaff(env.database, org, "qa_inspector", { name: "回访专员甲" });
    const day = "2026-11-20";
    await env.database.db.execute(sql`
      INSERT INTO tickets (org_id, number, type, channel, priority, status, title, description, resolved_at)
      SELECT ${org.orgId}, 'ZX-202611-' || i, 'inquiry', 'phone', 'P' || (1 + i % 4), 'closed', '咨询', '咨询',
             '2026-11-20T02:00:00Z'::timestamptz + i * interval '1 second'
      FROM generate_series(0, 9999) AS i`);
    const sample = (await drawCallbackSample(env.database.db, org.orgId, day))!;
    expect(sample).toMatchObject({ population: 10_000, rates: { P1: 0.8, P2: 0.5, P3: 0.2, P4: 0.05 } });
    const drawn = await env.database.db
      .select({ priority: tickets.priority, id: tickets.id, dueOn: callbackTasks.dueOn })
      .from(callbackTasks)
      .innerJoin(tickets, eq(tickets.id, callbackTasks.ticketId))
      .where(eq(callbackTasks.sampleId, sample.id));
    expect(drawn.length).toBe(sample.drawn);
    for (const priority of PRIORITIES) {
      const share = drawn.filter((t) => t.priority === priority).length / 2500;
      const rate = sample.rates![priority];
      // Within five standard deviations of a binomial over 2,500 tickets.
      expect(Math.abs(share - rate)).toBeLessThan(5 * Math.sqrt((rate * (1 - rate)) / 2500));
    }
    // 20 Nov 2026 is a Friday: due the next working day, Monday.
    expect(new Set(drawn.map((t) => t.dueOn))).toEqual(new Set(["2026-11-23"]));
    // Reproducible: the seed and rates stored with the sample pick exactly the same tickets.
    const [stored] = await env.database.db
      .select()
      .from(callbackSamples)
      .where(eq(callbackSamples.id, sample.id));
    const population = await resolvedOn(env.database.db, org.orgId, day, "Asia/Shanghai");
    const again = population.filter((t) => isDrawn(stored.seed, stored.rates!, t)).map((t) => t.id);
    expect(new Set(again)).toEqual(new Set(drawn.map((t) => t.id)));
    // Auditable, and drawn once a day.
    const [audit] = await env.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, sample.id), eq(auditLog.action, "callback.sampled")));
    expect(audit.after).toMatchObject({ seed: stored.seed, population: 10_000, drawn: sample.drawn });
    expect(await drawCallbackSample(env.database.db, org.orgId, day)).toBeNull();
  });

  it("C087 a sampled callback never goes to someone who handled the case; with nobody left it waits for a supervisor", async () => {
    const org = await createOrg(env.database);
    await callEveryP3(org);
    const { agent, ticket } = await resolvedTicket(org, "吴客服");
    // The agent who handled it also sits on the QA callback desk; another agent there has more work.
    const [qaRole] = await env.database.db
      .select()
      .from(roles)
      .where(and(eq(roles.orgId, org.orgId), eq(roles.key, "qa_inspector")));
    await env.database.db
      .insert(userRoles)
      .values({ orgId: org.orgId, userId: agent.actor.userId, roleId: qaRole.id });
    const supervisor = await createStaff(env.database, org, "supervisor");
    await drawCallbackSample(env.database.db, org.orgId, today());
    const [unassigned] = await tasksOf(org.orgId);
    expect(unassigned).toMatchObject({ ticketId: ticket.id, assigneeId: null, status: "open" });
    const told = await env.database.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, supervisor.actor.userId), eq(notifications.kind, "callback_unassigned")),
      );
    expect(told).toHaveLength(1);
    // The handler cannot take it up either.
    const handlerAsDesk = await createStaffCtx(org, agent.actor.userId);
    expect(
      await codeOf(
        recordSatisfactionCall(handlerAsDesk, unassigned.id, {
          outcome: "answered",
          answers: defaultAnswers(5),
        }),
      ),
    ).toBe("CALLBACK_BY_HANDLER");
    // Somebody who had no hand in it can.
    const desk = await createStaff(env.database, org, "qa_inspector", { name: "郑回访" });
    expect(
      (await recordSatisfactionCall(desk, unassigned.id, { outcome: "answered", answers: defaultAnswers(5) }))
        .status,
    ).toBe("done");
  });

  it("C087 the draw gives each case to a desk agent who did not handle it, the least loaded first", async () => {
    const org = await createOrg(env.database);
    await callEveryP3(org);
    const deskA = await createStaff(env.database, org, "qa_inspector", { name: "回访甲" });
    const deskB = await createStaff(env.database, org, "qa_inspector", { name: "回访乙" });
    const handled = [];
    for (const name of ["冯客服", "陈客服", "褚客服", "卫客服"]) {
      const { ticket } = await resolvedTicket(org, name);
      handled.push(ticket.id);
      // The first two were also handled by desk agent A (a note on the ticket).
      if (handled.length <= 2)
        await env.database.db.execute(sql`
          INSERT INTO ticket_events (org_id, ticket_id, kind, actor_type, actor_id, actor_name, body)
          VALUES (${org.orgId}, ${ticket.id}, 'note', 'user', ${deskA.actor.userId}, '回访甲', '协助查询')`);
    }
    await drawCallbackSample(env.database.db, org.orgId, today());
    const tasks = await tasksOf(org.orgId);
    expect(tasks).toHaveLength(4);
    const to = new Map(tasks.map((t) => [t.ticketId, t.assigneeId]));
    expect([to.get(handled[0]), to.get(handled[1])]).toEqual([deskB.actor.userId, deskB.actor.userId]);
    // The other two go to A, who had none: the load evens out.
    expect([to.get(handled[2]), to.get(handled[3])]).toEqual([deskA.actor.userId, deskA.actor.userId]);
  });

  it("C093 C101 the callback agent enters the answers by phone; unsatisfied opens the follow-up for the first responder", async () => {
    await callEveryP3(env.org);
    const { agent, ticket } = await resolvedTicket(env.org, "蒋客服");
    const [link] = await env.database.db
      .select()
      .from(surveyInvitations)
      .where(eq(surveyInvitations.ticketId, ticket.id));
    const desk = await createStaff(env.database, env.org, "qa_inspector", { name: "沈回访" });
    await drawCallbackSample(env.database.db, env.org.orgId, today());
    const [task] = (await tasksOf(env.org.orgId)).filter((t) => t.ticketId === ticket.id);
    expect(task.assigneeId).toBe(desk.actor.userId);

    const client = await env.http.signInAs(desk);
    const listed = (await client.request("GET", "/api/callback-tasks?scope=mine")).json();
    expect(listed.items).toEqual([
      expect.objectContaining({ id: task.id, priority: "P3", contact: "周女士" }),
    ]);
    const phone = await client.request("POST", `/api/callback-tasks/${task.id}/contact`);
    expect(phone.json()).toMatchObject({ name: "周女士" });
    expect(JSON.stringify(phone.json())).toContain("13855556666");

    const refused = await client.request("POST", `/api/callback-tasks/${task.id}/call`, {
      outcome: "unreachable",
    });
    expect(refused.json().error.code).toBe("REASON_REQUIRED");
    const other = await createStaff(env.database, env.org, "qa_inspector");
    expect(
      await codeOf(recordSatisfactionCall(other, task.id, { outcome: "unreachable", note: "无人接听" })),
    ).toBe("CALLBACK_NOT_YOURS");

    const called = await client.request("POST", `/api/callback-tasks/${task.id}/call`, {
      outcome: "answered",
      answers: { ...defaultAnswers(4), result: 2 },
      note: "客户说问题反复出现",
    });
    expect(called.statusCode).toBe(200);
    expect(called.json()).toMatchObject({
      status: "done",
      satisfied: false,
      followUpTicketId: expect.any(String),
    });
    const [followUp] = await env.database.db
      .select()
      .from(tickets)
      .where(eq(tickets.id, called.json().followUpTicketId));
    expect(followUp.firstResponderId).toBe(agent.actor.userId);
    const [response] = await env.database.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.followUpTicketId, followUp.id));
    expect(response).toMatchObject({ channel: "phone", enteredBy: desk.actor.userId });
    // The customer is not asked again by the link about the same case.
    expect((await openSurvey(env.database.db, link.token)).state).toBe("expired");
    expect(
      await codeOf(recordSatisfactionCall(desk, task.id, { outcome: "unreachable", note: "再打" })),
    ).toBe("CALLBACK_TASK_CLOSED");

    const supervisor = await createStaff(env.database, env.org, "supervisor");
    const report = await callbackSampleReport(supervisor, today().slice(0, 7));
    expect(report.byPriority.find((p) => p.priority === "P3")).toMatchObject({ target: 1 });
    expect(report.samples[0]).toMatchObject({ day: today(), called: 1, unsatisfied: 1 });
  });
});

/** A staff context for a user who was given another role after creation. */
async function createStaffCtx(org: TestOrg, userId: string) {
  const actor = (await loadStaffActor(env.database.db, org.orgId, userId))!;
  return { db: env.database.db, actor, ip: "127.0.0.1", filesDir: org.filesDir };
}
