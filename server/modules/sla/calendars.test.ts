import { describe, expect, it } from "vitest";
import { createOrg, createStaff, setupTestOrg, testApp } from "../../test/factories";

const env = setupTestOrg();
type Calendar = {
  id: string;
  name: string;
  exceptions: Record<string, string>;
  is24x7: boolean;
  isDefault: boolean;
};

async function managerClient() {
  return env.http.signInAs(await createStaff(env.database, env.org, "manager"));
}

describe("business calendars", () => {
  it("C043 seeds the standard calendar with 2026 holidays and a 7×24 duty calendar; the preview crosses a 调休 Saturday", async () => {
    const client = await managerClient();
    const calendars: Calendar[] = (await client.request("GET", "/api/calendars")).json();
    expect(calendars.map((c) => c.name)).toEqual(["标准工作日历", "7×24 值班日历"]);
    const standard = calendars.find((c) => c.isDefault)!;
    expect(standard.exceptions["2026-10-01"]).toBe("holiday");
    expect(standard.exceptions["2026-10-10"]).toBe("workday");
    const preview = await client.request(
      "GET",
      `/api/calendars/${standard.id}/deadline?start=2026-10-09T17:50:00%2B08:00&minutes=30`,
    );
    expect(preview.json()).toEqual({ deadline: "2026-10-10T01:20:00.000Z", workingMinutes: 30 });
  });

  it("refuses an unknown time zone and overlapping periods with SLA_CALENDAR_INVALID", async () => {
    const client = await managerClient();
    const day = [{ start: 540, end: 720 }];
    const base = {
      name: "华南网点",
      timeZone: "Asia/Shanghai",
      weeklyHours: [[], day, day, day, day, day, []],
    };
    const zone = await client.request("POST", "/api/calendars", { ...base, timeZone: "Mars/Olympus" });
    expect(zone.statusCode).toBe(422);
    expect(zone.json().error).toMatchObject({ code: "SLA_CALENDAR_INVALID" });
    const overlap = [
      { start: 540, end: 720 },
      { start: 700, end: 800 },
    ];
    const res = await client.request("POST", "/api/calendars", {
      ...base,
      weeklyHours: [[], overlap, day, day, day, day, []],
    });
    expect(res.json().error.code).toBe("SLA_CALENDAR_INVALID");
    expect((await client.request("POST", "/api/calendars", base)).statusCode).toBe(201);
  });

  it("imports holidays and make-up days from a list; one bad line refuses the whole list", async () => {
    const client = await managerClient();
    const calendar: Calendar = (
      await client.request("POST", "/api/calendars", {
        name: "2027 日历",
        timeZone: "Asia/Shanghai",
        weeklyHours: [[], [{ start: 540, end: 1080 }], [], [], [], [], []],
      })
    ).json();
    const bad = await client.request("POST", `/api/calendars/${calendar.id}/import`, {
      text: "2027-10-01~2027-10-07 休\n2027-13-40 班",
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details[0]).toMatchObject({ row: 2 });
    const ok = await client.request("POST", `/api/calendars/${calendar.id}/import`, {
      text: "# 国庆\n2027-10-01~2027-10-07 休\n2027-09-26 班\n2027-10-09 班",
    });
    expect(ok.json().imported).toBe(9);
    expect(ok.json().calendar.exceptions).toMatchObject({
      "2027-10-01": "holiday",
      "2027-10-07": "holiday",
      "2027-10-09": "workday",
    });
  });

  it("an agent may read calendars but not change them; another organisation sees none of them", async () => {
    const agent = await env.http.signInAs(await createStaff(env.database, env.org, "agent"));
    const calendars: Calendar[] = (await agent.request("GET", "/api/calendars")).json();
    const res = await agent.request("PUT", `/api/calendars/${calendars[0].id}`, {
      ...calendars[0],
      name: "改名",
    });
    expect(res.statusCode).toBe(403);
    const other = await createOrg(env.database);
    const outsider = await (await testApp(env.database, other)).signIn("admin");
    const theirs: Calendar[] = (await outsider.request("GET", "/api/calendars")).json();
    expect(theirs.map((c) => c.id)).not.toContain(calendars[0].id);
    expect(
      (
        await outsider.request(
          "GET",
          `/api/calendars/${calendars[0].id}/deadline?start=2026-10-09T10:00:00Z&minutes=1`,
        )
      ).statusCode,
    ).toBe(404);
  });
});
