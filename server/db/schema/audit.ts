import { bigserial, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, orgId, orgPrimaryKey } from "./columns";

/** Append-only operation log (操作日志): who, when, what, before/after, from where. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }),
    orgId: orgId(),
    actorType: text("actor_type", { enum: ["user", "customer", "system", "api_token"] }).notNull(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    ip: text("ip"),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    index("audit_log_org_time").on(t.orgId, t.createdAt),
    index("audit_log_org_entity").on(t.orgId, t.entityType, t.entityId),
  ],
);
