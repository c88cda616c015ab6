import type { Capability } from "../../common/capabilities";
import type { DataScope } from "../../common/enums";
import type { Db } from "../db/client";
import { AppError } from "./errors";

export type StaffActor = {
  type: "user";
  orgId: string;
  userId: string;
  name: string;
  departmentId: string | null;
  capabilities: ReadonlySet<Capability>;
  dataScope: DataScope;
  /** Set when the request came with an API token instead of a session. */
  apiTokenId?: string;
  /** The API token reads only: no change is accepted through it. */
  apiTokenReadOnly?: boolean;
};
export type CustomerActor = {
  type: "customer";
  orgId: string;
  customerId: string;
  contactId: string;
  name: string;
};
export type SystemActor = { type: "system"; orgId: string; name: string };
export type Actor = StaffActor | CustomerActor | SystemActor;

/** What every domain function receives: who acts, on which database, from where. */
export type Ctx = { db: Db; actor: Actor; ip: string | null; filesDir: string };

/** The system acting on its own (scheduled jobs): it signs timeline entries and audit as 系统. */
export const systemCtx = (db: Db, orgId: string): Ctx & { actor: SystemActor } => ({
  db,
  actor: { type: "system", orgId, name: "系统" },
  ip: null,
  filesDir: "",
});

export function actorUserId(actor: Actor): string | null {
  return actor.type === "user" ? actor.userId : null;
}

export function can(actor: Actor, capability: Capability): boolean {
  return actor.type === "system" || (actor.type === "user" && actor.capabilities.has(capability));
}

/** Throws 403 unless the actor holds the capability; narrows to a staff or system actor. */
export function requireCapability(
  actor: Actor,
  capability: Capability,
): asserts actor is StaffActor | SystemActor {
  if (!can(actor, capability)) throw new AppError("FORBIDDEN", 403, { capability });
}
