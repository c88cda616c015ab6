CREATE TABLE "org_cache_versions" (
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	CONSTRAINT "org_cache_versions_org_id_kind_pk" PRIMARY KEY("org_id","kind")
);
--> statement-breakpoint
ALTER TABLE "org_cache_versions" ADD CONSTRAINT "org_cache_versions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Raised in the transaction that changes what a server may keep in memory (lib/org-cache.ts), so the
-- new version becomes visible exactly when the change does. Only the columns a cache holds count:
-- a sign-in's attempt counter or a rule's round-robin turn do not make anyone reload.
CREATE FUNCTION kefu_cache_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  org uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN org := OLD.org_id; ELSE org := NEW.org_id; END IF;
  INSERT INTO org_cache_versions AS v (org_id, kind, version) VALUES (org, TG_ARGV[0], 2)
  ON CONFLICT (org_id, kind) DO UPDATE SET version = v.version + 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_cache AFTER DELETE OR UPDATE OF display_name, department_id, is_disabled, must_change_password ON users
  FOR EACH ROW EXECUTE FUNCTION kefu_cache_changed('identity');
--> statement-breakpoint
CREATE TRIGGER user_roles_cache AFTER INSERT OR UPDATE OR DELETE ON user_roles
  FOR EACH ROW EXECUTE FUNCTION kefu_cache_changed('identity');
--> statement-breakpoint
CREATE TRIGGER roles_cache AFTER DELETE OR UPDATE OF capabilities, data_scope ON roles
  FOR EACH ROW EXECUTE FUNCTION kefu_cache_changed('identity');
--> statement-breakpoint
CREATE TRIGGER sessions_cache AFTER DELETE OR UPDATE OF expires_at, user_id ON sessions
  FOR EACH ROW EXECUTE FUNCTION kefu_cache_changed('identity');
--> statement-breakpoint
CREATE TRIGGER sla_policies_cache AFTER INSERT OR UPDATE OR DELETE ON sla_policies
  FOR EACH ROW EXECUTE FUNCTION kefu_cache_changed('service_time');
--> statement-breakpoint
CREATE TRIGGER business_calendars_cache AFTER INSERT OR UPDATE OR DELETE ON business_calendars
  FOR EACH ROW EXECUTE FUNCTION kefu_cache_changed('service_time');
--> statement-breakpoint
CREATE TRIGGER automation_rules_cache AFTER INSERT OR DELETE OR UPDATE OF name, kind, event, after_minutes, since, conditions, actions, stop, active, position ON automation_rules
  FOR EACH ROW EXECUTE FUNCTION kefu_cache_changed('automations');
--> statement-breakpoint
CREATE TRIGGER webhook_endpoints_cache AFTER INSERT OR DELETE OR UPDATE OF events, active ON webhook_endpoints
  FOR EACH ROW EXECUTE FUNCTION kefu_cache_changed('webhooks');
