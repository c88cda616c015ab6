CREATE INDEX "complaints_accused" ON "complaints" USING btree ("org_id","created_at","accused_user_id") WHERE accused_user_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "tickets_received_kpi" ON "tickets" USING btree ("org_id","received_at","assignee_id","resolved_at","reopen_count","transfer_count","broken_promises");--> statement-breakpoint
UPDATE "roles" SET "capabilities" = array_append("capabilities", 'survey.raw.view')
WHERE "key" IN ('admin', 'manager', 'general_manager', 'qa_inspector') AND NOT ('survey.raw.view' = ANY("capabilities"));
