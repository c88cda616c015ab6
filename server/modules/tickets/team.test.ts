import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ticketSlaClocks } from "../../db/schema";
import { codeOf, createStaff, createTestTicket, setupTestOrg } from "../../test/factories";
import { teamView } from "./team";

const env = setupTestOrg();

describe("the supervisor's team view", () => {
  it("shows each handler of the supervisor's department with open, oldest, at-risk and overdue counts and who is signed in", async () => {
    const { database, org, http } = env;
    const busy = await createStaff(database, org, "agent", { name: "忙客服" });
    const idle = await createStaff(database, org, "agent", { name: "闲客服" });
    const elsewhere = await createStaff(database, org, "engineer", { name: "外部门" });
    const supervisor = await createStaff(database, org, "supervisor", { name: "带班主管" });
    const first = await createTestTicket(busy, { title: "早来的" });
    const second = await createTestTicket(busy, { title: "晚来的" });
    await database.db
      .update(ticketSlaClocks)
      .set({ atRiskAt: new Date(Date.now() - 60_000) })
      .where(eq(ticketSlaClocks.ticketId, second.id));
    // One of them is past its time limit.
    await database.db
      .update(ticketSlaClocks)
      .set({ breachedAt: new Date() })
      .where(eq(ticketSlaClocks.ticketId, first.id));
    await http.signInAs(busy);

    const team = await teamView(supervisor);
    const names = team.map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(["忙客服", "闲客服", "带班主管"]));
    expect(names).not.toContain("外部门");
    expect(team.find((m) => m.name === "忙客服")).toMatchObject({
      department: "客服部",
      open: 2,
      atRisk: 1,
      overdue: 1,
      signedIn: true,
      oldestSince: first.receivedAt.toISOString(),
    });
    expect(team.find((m) => m.name === "闲客服")).toMatchObject({
      open: 0,
      overdue: 0,
      signedIn: false,
      oldestSince: null,
    });
    expect(team[0].name).toBe("忙客服");
    expect(await codeOf(teamView(idle))).toBe("FORBIDDEN");
    expect(elsewhere.actor.departmentId).not.toBe(supervisor.actor.departmentId);
  });
});
