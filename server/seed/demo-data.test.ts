import { describe, expect, it } from "vitest";
import { DEFAULT_ROLES } from "../../common/capabilities";
import { Client, createOrg, testApp, testDatabase } from "../test/factories";
import { DEMO_STAFF, loadDemo } from "./demo-data";

// The demo data set is what a manager judges the product by: it must load through the domain's own
// rules and leave each role's own pages something to show. A short history keeps the test quick;
// `npm run demo` lives 90 days of it.
describe("npm run demo", () => {
  it("staff of every role in their departments work five weeks of tickets, visits, take-backs, a recall, complaints, surveys and inspections", async () => {
    const database = await testDatabase();
    const org = await createOrg(database);
    const { app } = await testApp(database, org);
    const demo = await loadDemo(database.db, {
      orgId: org.orgId,
      filesDir: org.filesDir,
      publicUrl: "https://kefu.example.com",
      days: 35,
      ticketsPerDay: 2,
    });
    expect(new Set(DEMO_STAFF.map((s) => s.role)).size).toBe(DEFAULT_ROLES.length);
    expect(demo.counts.tickets).toBeGreaterThan(30);

    const as = async (username: (typeof DEMO_STAFF)[number]["username"]) => {
      const res = await app.inject({
        method: "POST",
        url: "/api/auth/sign-in",
        payload: { org: org.slug, username, password: demo.password },
      });
      expect(res.statusCode, `${username} signs in with the printed password`).toBe(200);
      const client = new Client(app, res.cookies);
      return async (url: string) => {
        const page = await client.request("GET", url);
        expect(page.statusCode, url).toBe(200);
        return page.json();
      };
    };

    const agent = await as("wangli");
    const tickets = await agent("/api/tickets?pageSize=100");
    expect(tickets.total).toBeGreaterThan(5);
    expect(tickets.items.some((t: { status: string }) => t.status === "closed")).toBe(true);

    const team = await (await as("sunmei"))("/api/team");
    expect(team.map((m: { name: string }) => m.name)).toEqual(
      expect.arrayContaining(["王丽", "赵强", "李娜"]),
    );

    let engineerJobs = 0;
    for (const engineer of ["liugong", "hangong", "magong"] as const)
      engineerJobs += (await (await as(engineer))("/api/my-work-orders?state=done")).total;
    expect(engineerJobs).toBeGreaterThan(0);

    const inspector = await as("zhengjian");
    expect((await inspector("/api/qa-inspections")).total).toBeGreaterThan(0);
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    expect((await inspector(`/api/survey-responses?from=${day(40)}&to=${day(-1)}`)).total).toBeGreaterThan(0);
    expect((await inspector("/api/survey-campaigns")).total).toBe(1);

    // The dispatcher's registers: products taken back to the workshop, a recall under way.
    const dispatcher = await as("wupai");
    expect((await dispatcher("/api/repair-returns")).total).toBeGreaterThan(0);
    const [recall] = await dispatcher("/api/recalls");
    expect(recall.units).toBeGreaterThan(0);
    expect(recall.completed).toBeGreaterThan(0);

    for (const username of ["zhoujun", "chenzhi", "fengbiao", "qianzong", "likuai", "yangguan"] as const)
      await as(username);
  });
});
