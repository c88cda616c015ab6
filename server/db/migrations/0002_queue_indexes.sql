DROP INDEX "tickets_org_assignee";--> statement-breakpoint
DROP INDEX "tickets_org_first_responder";--> statement-breakpoint
DROP INDEX "tickets_org_department";--> statement-breakpoint
DROP INDEX "tickets_org_created";--> statement-breakpoint
DROP INDEX "tickets_org_unassigned";--> statement-breakpoint
CREATE INDEX "tickets_queue_all" ON "tickets" USING btree ("org_id","is_green_channel","created_at");--> statement-breakpoint
CREATE INDEX "tickets_queue_assignee" ON "tickets" USING btree ("org_id","assignee_id","is_green_channel","created_at") WHERE status IN ('new', 'accepted', 'in_progress', 'waiting_customer', 'on_hold');--> statement-breakpoint
CREATE INDEX "tickets_queue_department" ON "tickets" USING btree ("org_id","department_id","is_green_channel","created_at") WHERE status IN ('new', 'accepted', 'in_progress', 'waiting_customer', 'on_hold');--> statement-breakpoint
CREATE INDEX "tickets_queue_first_responder" ON "tickets" USING btree ("org_id","first_responder_id","is_green_channel","created_at") WHERE status <> 'closed';--> statement-breakpoint
CREATE INDEX "tickets_queue_unassigned" ON "tickets" USING btree ("org_id","is_green_channel","created_at") WHERE assignee_id IS NULL AND status IN ('new', 'accepted', 'in_progress', 'waiting_customer', 'on_hold');