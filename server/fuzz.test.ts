import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "./db/client";
import { createStaff, createTestTicket, setupTestOrg } from "./test/factories";

// A standing fuzz test over the route table (the OpenAPI document the routes generate): every route
// that takes a body or a query gets values at the edges of its own schema — longest and shortest
// texts, emoji, quotes and markup, the biggest and smallest numbers, every enum, dates far away —
// and bodies of the wrong shape. Whatever comes, the answer is never a 5xx, and a request that was
// refused wrote nothing. Seeded, so a failure repeats.

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
  default?: unknown;
};
type Operation = {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  parameters?: { in: string; name: string; required?: boolean; schema?: Schema }[];
};

/** Text that has broken systems: emoji (two UTF-16 units), quotes, SQL, markup, control and bidi marks. */
const EDGE_TEXT = "灯😀'\";--<script>%_\\\t\u202e𠀀ｱ ";
/** Strings that match the patterns our schemas use (phone numbers, months, dates, times, codes). */
const PATTERN_SAMPLES = ["+86 138-0013-8000", "13800138000", "2026-12", "2026-12-05", "09:30", "A-1", "a"];

let seed = 20261205;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

/** A value the schema accepts, at its edges: variant 0 the largest, 1 the smallest, 2 the oddest. */
function edge(schema: Schema, variant: number): unknown {
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return edge(choices[variant % choices.length], variant);
  if (schema.nullable && variant === 1) return null;
  if (schema.enum)
    return schema.enum[
      variant === 0 ? schema.enum.length - 1 : variant === 1 ? 0 : Math.floor(random() * schema.enum.length)
    ];
  switch (schema.type) {
    case "object": {
      const required = new Set(schema.required ?? []);
      return Object.fromEntries(
        Object.entries(schema.properties ?? {})
          .filter(([key]) => variant !== 1 || required.has(key))
          .map(([key, value]) => [key, edge(value, variant)]),
      );
    }
    case "array": {
      const count = variant === 0 ? Math.min(schema.maxItems ?? 30, 30) : (schema.minItems ?? 0);
      return Array.from({ length: Math.max(count, variant === 2 ? 1 : 0) }, () =>
        edge(schema.items ?? {}, variant),
      );
    }
    case "integer":
    case "number": {
      const low = schema.minimum ?? (schema.exclusiveMinimum ?? -(2 ** 31) - 1) + 1;
      const high = schema.maximum ?? (schema.exclusiveMaximum ?? 2 ** 31) - 1;
      // Beyond a 32-bit column when the schema lets it through: the database must not be the one to say no.
      if (variant === 0) return high === 2 ** 31 - 1 ? 2 ** 31 : high;
      if (variant === 1) return low;
      return schema.type === "integer" ? 0 : 0.1 + 0.2;
    }
    case "boolean":
      return variant !== 1;
    case "string":
      return text(schema, variant);
    default:
      return variant === 0 ? EDGE_TEXT : null;
  }
}

function text(schema: Schema, variant: number): string {
  if (schema.format === "uuid") return variant === 1 ? "00000000-0000-0000-0000-000000000000" : randomUUID();
  if (schema.format === "date") return variant === 0 ? "2999-12-31" : "1900-01-01";
  if (schema.format === "date-time")
    return variant === 0 ? "2999-12-31T23:59:59.999Z" : "1900-01-01T00:00:00Z";
  if (schema.format === "email") return variant === 0 ? `${"a".repeat(60)}@example.com` : "a@b.cn";
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 2000;
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    return PATTERN_SAMPLES.find((s) => pattern.test(s) && s.length >= min && s.length <= max) ?? "a";
  }
  const length = variant === 0 ? max : variant === 1 ? Math.max(min, 1) : Math.min(max, Math.max(min, 7));
  let out = "";
  for (const char of EDGE_TEXT.repeat(Math.ceil(length / EDGE_TEXT.length) + 1)) {
    if (out.length + char.length > length) break;
    out += char;
  }
  return out.padEnd(min, "x");
}

/** Bodies of the wrong shape: not an object, and each field given a value of another type. */
function misshapen(schema: Schema): unknown[] {
  const whole = edge(schema, 0) as Record<string, unknown>;
  const wrong = (value: unknown) =>
    typeof value === "string"
      ? 12
      : typeof value === "number"
        ? "12x"
        : Array.isArray(value)
          ? "[]"
          : [value];
  return [
    null,
    [],
    "text",
    { ...whole, unexpected: "x".repeat(10_000) },
    ...Object.keys(whole).map((key) => ({ ...whole, [key]: wrong(whole[key]) })),
  ];
}

const env = setupTestOrg();

/**
 * The organisation's rows in every table but those a refused request may touch (other test files
 * share the PostgreSQL database, so only this organisation's rows are counted).
 */
async function rowCounts() {
  const tables = await queryRows<{ name: string }>(
    env.database.db,
    sql`SELECT table_name AS name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'org_id'
        AND table_name NOT IN ('rate_limits', 'idempotency_keys', 'sessions')`,
  );
  const org = env.org.orgId.replace(/[^0-9a-f-]/g, "");
  const [counts] = await queryRows<Record<string, number>>(
    env.database.db,
    sql.raw(
      `SELECT ${tables.map((t) => `(SELECT count(*)::int FROM "${t.name}" WHERE org_id = '${org}') AS "${t.name}"`).join(", ")}`,
    ),
  );
  return counts;
}

describe("fuzzing every route from its own schema", () => {
  it("no body or query, however odd or misshapen, gets a 5xx, and a refused request writes nothing", async () => {
    const adminStaff = await createStaff(env.database, env.org, "admin");
    const admin = await env.http.signInAs(adminStaff);
    // A route about a record (/api/work-orders/{id}/…) gets a real one of its table two times in three,
    // to get past "not found" into the domain rules: a complaint ticket and what the seed made.
    await createTestTicket(adminStaff, { type: "complaint" });
    const tables = new Set(
      (
        await queryRows<{ name: string }>(
          env.database.db,
          sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
        )
      ).map((t) => t.name),
    );
    const existing = new Map<string, string | undefined>();
    const recordOf = async (path: string) => {
      const segment = /^\/api\/([a-z-]+)\/\{id\}/.exec(path)?.[1];
      if (!segment) return undefined;
      const table = [segment, `service_${segment}`]
        .map((t) => t.replaceAll("-", "_"))
        .find((t) => tables.has(t));
      if (!table) return undefined;
      if (!existing.has(table)) {
        const [row] = await queryRows<{ id: string }>(
          env.database.db,
          sql`SELECT id::text FROM ${sql.identifier(table)} WHERE org_id = ${env.org.orgId}
            AND id::text <> ${adminStaff.actor.userId} LIMIT 1`,
        );
        existing.set(table, row?.id);
      }
      return existing.get(table);
    };
    await env.http.app.ready();
    const paths = (env.http.app.swagger() as { paths: Record<string, Record<string, Operation>> }).paths;
    const failures: string[] = [];
    let requests = 0;
    for (const [path, operations] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        // Signing out would end the session the rest of the run uses.
        if (path === "/api/auth/sign-out") continue;
        const body = operation.requestBody?.content?.["application/json"]?.schema;
        const query = (operation.parameters ?? []).filter((p) => p.in === "query");
        if (!body && !query.length) continue;
        const record = await recordOf(path);
        const url = (variant: number) => {
          const base = (record && variant !== 1 ? path.replace("{id}", record) : path).replace(
            /\{\w+\}/g,
            () => randomUUID(),
          );
          const params = new URLSearchParams();
          for (const p of query) {
            const value = edge(p.schema ?? {}, variant);
            if (value !== null && value !== undefined) params.set(p.name, String(value));
          }
          return params.size ? `${base}?${params}` : base;
        };
        const attempts: { url: string; payload?: unknown }[] = [0, 1, 2].map((variant) => ({
          url: url(variant),
          payload: body ? edge(body, variant) : undefined,
        }));
        if (body) attempts.push(...misshapen(body).map((payload) => ({ url: url(2), payload })));
        const before = await rowCounts();
        let accepted = false;
        for (const attempt of attempts) {
          const reply = await admin.request(method.toUpperCase() as "POST", attempt.url, attempt.payload);
          requests++;
          if (reply.statusCode >= 500)
            failures.push(
              `${method.toUpperCase()} ${attempt.url} ${JSON.stringify(attempt.payload)?.slice(0, 300)} → ${reply.statusCode}`,
            );
          if (reply.statusCode < 400) accepted = true;
        }
        if (!accepted) {
          const after = await rowCounts();
          const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
          if (changed.length)
            failures.push(`${method.toUpperCase()} ${path} refused but wrote to ${changed.join(", ")}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(1000);
  });
});
