import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { walksOf } from "./plan-check";

// The check every PostgreSQL run makes of the product's statements (setup-file.ts) finds what it is for.
describe.runIf(process.env.DATABASE_URL)("the plan check of organisation-led indexes", () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: inject("testDatabaseUrl") });
    await client.connect();
    await client.query("SET enable_seqscan = off");
  });
  afterAll(() => client.end());
  const walks = (text: string, params: unknown[]) =>
    walksOf((t, v) => client.query(t, v), text, params).then((found) =>
      found.map(({ index, condition }) => ({ index, condition })),
    );

  it("finds a row named by id alone, and nothing once the organisation is named", async () => {
    const [org, id] = [randomUUID(), randomUUID()];
    expect(await walks("SELECT * FROM tickets WHERE id = $1", [id])).toEqual([
      { index: "tickets_org_id_id_pk", condition: expect.stringContaining("id =") },
    ]);
    expect(await walks("SELECT * FROM tickets WHERE org_id = $1 AND id = $2", [org, id])).toEqual([]);
  });

  it("finds a correlated subquery that names its ticket but not the organisation (the queue's next deadline did)", async () => {
    const org = randomUUID();
    const deadline = (clockOrg: string) =>
      `SELECT t.id, (SELECT min(c.due_at) FROM ticket_sla_clocks c WHERE ${clockOrg} c.ticket_id = t.id)
       FROM tickets t WHERE t.org_id = $1 ORDER BY t.created_at DESC LIMIT 20`;
    expect((await walks(deadline(""), [org])).map((w) => w.index)).toContain("ticket_sla_clocks_ticket");
    expect(await walks(deadline("c.org_id = t.org_id AND"), [org])).toEqual([]);
  });
});
