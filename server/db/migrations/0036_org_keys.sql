-- Every key leads with org_id (issue 17, item 9): primary keys (org_id, id), references
-- (org_id, x_id) → (org_id, id), unique indexes (org_id, …). A row can no longer point into another
-- organisation, and the schema can be distributed by org_id.
-- A customer's account manager could be another organisation's user before 0036 (the defect itself):
-- such a reference is cleared, since the key would refuse it.
UPDATE "customers" c SET "owner_user_id" = NULL
 WHERE "owner_user_id" IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM "users" u WHERE u."id" = c."owner_user_id" AND u."org_id" = c."org_id");
--> statement-breakpoint
ALTER TABLE "appraisal_periods" DROP CONSTRAINT "appraisal_periods_created_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "appraisal_periods" DROP CONSTRAINT "appraisal_periods_published_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "appraisal_results" DROP CONSTRAINT "appraisal_results_period_id_appraisal_periods_id_fk";
--> statement-breakpoint
ALTER TABLE "appraisal_results" DROP CONSTRAINT "appraisal_results_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "appraisal_results" DROP CONSTRAINT "appraisal_results_department_id_departments_id_fk";
--> statement-breakpoint
ALTER TABLE "appraisal_results" DROP CONSTRAINT "appraisal_results_adjusted_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "appraisal_results" DROP CONSTRAINT "appraisal_results_decided_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "appraisal_settings" DROP CONSTRAINT "appraisal_settings_updated_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "approval_actions" DROP CONSTRAINT "approval_actions_request_id_approval_requests_id_fk";
--> statement-breakpoint
ALTER TABLE "approval_actions" DROP CONSTRAINT "approval_actions_approver_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "approval_requests" DROP CONSTRAINT "approval_requests_complaint_id_complaints_id_fk";
--> statement-breakpoint
ALTER TABLE "approval_requests" DROP CONSTRAINT "approval_requests_requested_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "compensations" DROP CONSTRAINT "compensations_complaint_id_complaints_id_fk";
--> statement-breakpoint
ALTER TABLE "compensations" DROP CONSTRAINT "compensations_paid_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "compensations" DROP CONSTRAINT "compensations_created_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "complaint_categories" DROP CONSTRAINT "complaint_categories_department_id_departments_id_fk";
--> statement-breakpoint
ALTER TABLE "complaint_countersigns" DROP CONSTRAINT "complaint_countersigns_complaint_id_complaints_id_fk";
--> statement-breakpoint
ALTER TABLE "complaint_countersigns" DROP CONSTRAINT "complaint_countersigns_department_id_departments_id_fk";
--> statement-breakpoint
ALTER TABLE "complaint_countersigns" DROP CONSTRAINT "complaint_countersigns_signed_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "complaint_proposals" DROP CONSTRAINT "complaint_proposals_complaint_id_complaints_id_fk";
--> statement-breakpoint
ALTER TABLE "complaint_proposals" DROP CONSTRAINT "complaint_proposals_offered_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "complaint_proposals" DROP CONSTRAINT "complaint_proposals_recorded_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "complaint_steps" DROP CONSTRAINT "complaint_steps_complaint_id_complaints_id_fk";
--> statement-breakpoint
ALTER TABLE "complaint_steps" DROP CONSTRAINT "complaint_steps_owner_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "complaint_steps" DROP CONSTRAINT "complaint_steps_department_id_departments_id_fk";
--> statement-breakpoint
ALTER TABLE "complaint_steps" DROP CONSTRAINT "complaint_steps_completed_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "complaints" DROP CONSTRAINT "complaints_ticket_id_tickets_id_fk";
--> statement-breakpoint
ALTER TABLE "complaints" DROP CONSTRAINT "complaints_category_id_complaint_categories_id_fk";
--> statement-breakpoint
ALTER TABLE "complaints" DROP CONSTRAINT "complaints_responsible_department_id_departments_id_fk";
--> statement-breakpoint
ALTER TABLE "complaints" DROP CONSTRAINT "complaints_coordinator_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "complaints" DROP CONSTRAINT "complaints_accused_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "complaints" DROP CONSTRAINT "complaints_created_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "rmas" DROP CONSTRAINT "rmas_compensation_id_compensations_id_fk";
--> statement-breakpoint
ALTER TABLE "contacts" DROP CONSTRAINT "contacts_customer_id_customers_id_fk";
--> statement-breakpoint
ALTER TABLE "customers" DROP CONSTRAINT "customers_owner_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "customers" DROP CONSTRAINT "customers_created_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "customers" DROP CONSTRAINT "customers_merged_into_id_customers_id_fk";
--> statement-breakpoint
ALTER TABLE "purchases" DROP CONSTRAINT "purchases_customer_id_customers_id_fk";
--> statement-breakpoint
ALTER TABLE "agreement_visits" DROP CONSTRAINT "agreement_visits_agreement_id_service_agreements_id_fk";
--> statement-breakpoint
ALTER TABLE "agreement_visits" DROP CONSTRAINT "agreement_visits_ticket_id_tickets_id_fk";
--> statement-breakpoint
ALTER TABLE "agreement_visits" DROP CONSTRAINT "agreement_visits_work_order_id_work_orders_id_fk";
--> statement-breakpoint
ALTER TABLE "arrival_records" DROP CONSTRAINT "arrival_records_work_order_id_work_orders_id_fk";
--> statement-breakpoint
ALTER TABLE "arrival_records" DROP CONSTRAINT "arrival_records_engineer_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "arrival_records" DROP CONSTRAINT "arrival_records_recorded_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "callback_tasks" DROP CONSTRAINT "callback_tasks_ticket_id_tickets_id_fk";
--> statement-breakpoint
ALTER TABLE "callback_tasks" DROP CONSTRAINT "callback_tasks_work_order_id_work_orders_id_fk";
--> statement-breakpoint
ALTER TABLE "callback_tasks" DROP CONSTRAINT "callback_tasks_assignee_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "callback_tasks" DROP CONSTRAINT "callback_tasks_sample_id_callback_samples_id_fk";
--> statement-breakpoint
ALTER TABLE "callback_tasks" DROP CONSTRAINT "callback_tasks_done_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "callback_tasks" DROP CONSTRAINT "callback_tasks_response_id_survey_responses_id_fk";
--> statement-breakpoint
ALTER TABLE "engineer_week_summaries" DROP CONSTRAINT "engineer_week_summaries_engineer_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "recall_campaigns" DROP CONSTRAINT "recall_campaigns_created_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "recall_units" DROP CONSTRAINT "recall_units_campaign_id_recall_campaigns_id_fk";
--> statement-breakpoint
ALTER TABLE "recall_units" DROP CONSTRAINT "recall_units_purchase_id_purchases_id_fk";
--> statement-breakpoint
ALTER TABLE "recall_units" DROP CONSTRAINT "recall_units_ticket_id_tickets_id_fk";
--> statement-breakpoint
ALTER TABLE "recall_units" DROP CONSTRAINT "recall_units_work_order_id_work_orders_id_fk";
--> statement-breakpoint
ALTER TABLE "repair_returns" DROP CONSTRAINT "repair_returns_work_order_id_work_orders_id_fk";
--> statement-breakpoint
ALTER TABLE "repair_returns" DROP CONSTRAINT "repair_returns_ticket_id_tickets_id_fk";
--> statement-breakpoint
ALTER TABLE "repair_returns" DROP CONSTRAINT "repair_returns_customer_id_customers_id_fk";
--> statement-breakpoint
ALTER TABLE "repair_returns" DROP CONSTRAINT "repair_returns_received_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "repair_returns" DROP CONSTRAINT "repair_returns_repaired_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "repair_returns" DROP CONSTRAINT "repair_returns_returned_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "service_agreements" DROP CONSTRAINT "service_agreements_customer_id_customers_id_fk";
--> statement-breakpoint
ALTER TABLE "service_agreements" DROP CONSTRAINT "service_agreements_owner_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "service_agreements" DROP CONSTRAINT "service_agreements_created_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "tools" DROP CONSTRAINT "tools_service_point_id_service_points_id_fk";
--> statement-breakpoint
ALTER TABLE "tools" DROP CONSTRAINT "tools_holder_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "tools" DROP CONSTRAINT "tools_lent_to_customer_id_customers_id_fk";
--> statement-breakpoint
ALTER TABLE "work_order_parts" DROP CONSTRAINT "work_order_parts_work_order_id_work_orders_id_fk";
--> statement-breakpoint
ALTER TABLE "work_order_parts" DROP CONSTRAINT "work_order_parts_part_id_spare_parts_id_fk";
--> statement-breakpoint
ALTER TABLE "work_order_parts" DROP CONSTRAINT "work_order_parts_service_point_id_service_points_id_fk";
--> statement-breakpoint
ALTER TABLE "work_orders" DROP CONSTRAINT "work_orders_ticket_id_tickets_id_fk";
--> statement-breakpoint
ALTER TABLE "work_orders" DROP CONSTRAINT "work_orders_customer_id_customers_id_fk";
--> statement-breakpoint
ALTER TABLE "work_orders" DROP CONSTRAINT "work_orders_purchase_id_purchases_id_fk";
--> statement-breakpoint
ALTER TABLE "work_orders" DROP CONSTRAINT "work_orders_service_point_id_service_points_id_fk";
--> statement-breakpoint
ALTER TABLE "work_orders" DROP CONSTRAINT "work_orders_engineer_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "work_orders" DROP CONSTRAINT "work_orders_dispatched_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "work_orders" DROP CONSTRAINT "work_orders_approved_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "work_orders" DROP CONSTRAINT "work_orders_report_reviewed_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "work_orders" DROP CONSTRAINT "work_orders_settled_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "work_orders" DROP CONSTRAINT "work_orders_created_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "api_tokens" DROP CONSTRAINT "api_tokens_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "departments" DROP CONSTRAINT "departments_parent_id_departments_id_fk";
--> statement-breakpoint
ALTER TABLE "sessions" DROP CONSTRAINT "sessions_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "user_roles" DROP CONSTRAINT "user_roles_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "user_roles" DROP CONSTRAINT "user_roles_role_id_roles_id_fk";
--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_department_id_departments_id_fk";
--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_service_point_id_service_points_id_fk";
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "report_subscriptions" DROP CONSTRAINT "report_subscriptions_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "part_stock" DROP CONSTRAINT "part_stock_part_id_spare_parts_id_fk";
--> statement-breakpoint
ALTER TABLE "part_stock" DROP CONSTRAINT "part_stock_service_point_id_service_points_id_fk";
--> statement-breakpoint
ALTER TABLE "replenishment_orders" DROP CONSTRAINT "replenishment_orders_part_id_spare_parts_id_fk";
--> statement-breakpoint
ALTER TABLE "replenishment_orders" DROP CONSTRAINT "replenishment_orders_service_point_id_service_points_id_fk";
--> statement-breakpoint
ALTER TABLE "replenishment_orders" DROP CONSTRAINT "replenishment_orders_created_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "replenishment_orders" DROP CONSTRAINT "replenishment_orders_received_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "stock_movements" DROP CONSTRAINT "stock_movements_part_id_spare_parts_id_fk";
--> statement-breakpoint
ALTER TABLE "stock_movements" DROP CONSTRAINT "stock_movements_service_point_id_service_points_id_fk";
--> statement-breakpoint
ALTER TABLE "stock_movements" DROP CONSTRAINT "stock_movements_actor_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "qa_draws" DROP CONSTRAINT "qa_draws_plan_id_qa_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "qa_inspections" DROP CONSTRAINT "qa_inspections_draw_id_qa_draws_id_fk";
--> statement-breakpoint
ALTER TABLE "qa_inspections" DROP CONSTRAINT "qa_inspections_ticket_id_tickets_id_fk";
--> statement-breakpoint
ALTER TABLE "qa_inspections" DROP CONSTRAINT "qa_inspections_work_order_id_work_orders_id_fk";
--> statement-breakpoint
ALTER TABLE "qa_inspections" DROP CONSTRAINT "qa_inspections_agent_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "qa_inspections" DROP CONSTRAINT "qa_inspections_department_id_departments_id_fk";
--> statement-breakpoint
ALTER TABLE "qa_inspections" DROP CONSTRAINT "qa_inspections_inspector_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "qa_inspections" DROP CONSTRAINT "qa_inspections_scorecard_id_qa_scorecards_id_fk";
--> statement-breakpoint
ALTER TABLE "qa_inspections" DROP CONSTRAINT "qa_inspections_decided_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "qa_inspections" DROP CONSTRAINT "qa_inspections_created_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "qa_plans" DROP CONSTRAINT "qa_plans_scorecard_id_qa_scorecards_id_fk";
--> statement-breakpoint
ALTER TABLE "qa_rectifications" DROP CONSTRAINT "qa_rectifications_inspection_id_qa_inspections_id_fk";
--> statement-breakpoint
ALTER TABLE "qa_rectifications" DROP CONSTRAINT "qa_rectifications_assignee_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "qa_rectifications" DROP CONSTRAINT "qa_rectifications_checked_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "sanction_settings" DROP CONSTRAINT "sanction_settings_updated_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "sanctions" DROP CONSTRAINT "sanctions_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "sanctions" DROP CONSTRAINT "sanctions_department_id_departments_id_fk";
--> statement-breakpoint
ALTER TABLE "sanctions" DROP CONSTRAINT "sanctions_proposed_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "sanctions" DROP CONSTRAINT "sanctions_decided_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "sla_breaches" DROP CONSTRAINT "sla_breaches_clock_id_ticket_sla_clocks_id_fk";
--> statement-breakpoint
ALTER TABLE "sla_breaches" DROP CONSTRAINT "sla_breaches_ticket_id_tickets_id_fk";
--> statement-breakpoint
ALTER TABLE "sla_breaches" DROP CONSTRAINT "sla_breaches_department_id_departments_id_fk";
--> statement-breakpoint
ALTER TABLE "sla_breaches" DROP CONSTRAINT "sla_breaches_assignee_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "sla_breaches" DROP CONSTRAINT "sla_breaches_reason_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "ticket_sla_clocks" DROP CONSTRAINT "ticket_sla_clocks_ticket_id_tickets_id_fk";
--> statement-breakpoint
ALTER TABLE "ticket_sla_clocks" DROP CONSTRAINT "ticket_sla_clocks_policy_id_sla_policies_id_fk";
--> statement-breakpoint
ALTER TABLE "customer_callbacks" DROP CONSTRAINT "customer_callbacks_customer_id_customers_id_fk";
--> statement-breakpoint
ALTER TABLE "customer_callbacks" DROP CONSTRAINT "customer_callbacks_contact_id_contacts_id_fk";
--> statement-breakpoint
ALTER TABLE "customer_callbacks" DROP CONSTRAINT "customer_callbacks_purchase_id_purchases_id_fk";
--> statement-breakpoint
ALTER TABLE "customer_callbacks" DROP CONSTRAINT "customer_callbacks_sample_id_callback_samples_id_fk";
--> statement-breakpoint
ALTER TABLE "customer_callbacks" DROP CONSTRAINT "customer_callbacks_assignee_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "customer_callbacks" DROP CONSTRAINT "customer_callbacks_follow_up_ticket_id_tickets_id_fk";
--> statement-breakpoint
ALTER TABLE "customer_callbacks" DROP CONSTRAINT "customer_callbacks_done_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "improvement_actions" DROP CONSTRAINT "improvement_actions_owner_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "improvement_actions" DROP CONSTRAINT "improvement_actions_created_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "satisfaction_analyses" DROP CONSTRAINT "satisfaction_analyses_submitted_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_campaigns" DROP CONSTRAINT "survey_campaigns_template_id_survey_templates_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_campaigns" DROP CONSTRAINT "survey_campaigns_department_id_departments_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_campaigns" DROP CONSTRAINT "survey_campaigns_planned_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_campaigns" DROP CONSTRAINT "survey_campaigns_decided_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_invitations" DROP CONSTRAINT "survey_invitations_template_id_survey_templates_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_invitations" DROP CONSTRAINT "survey_invitations_ticket_id_tickets_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_invitations" DROP CONSTRAINT "survey_invitations_work_order_id_work_orders_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_invitations" DROP CONSTRAINT "survey_invitations_customer_id_customers_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_invitations" DROP CONSTRAINT "survey_invitations_contact_id_contacts_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_invitations" DROP CONSTRAINT "survey_invitations_agent_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_invitations" DROP CONSTRAINT "survey_invitations_engineer_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_invitations" DROP CONSTRAINT "survey_invitations_department_id_departments_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_invitations" DROP CONSTRAINT "survey_invitations_campaign_id_survey_campaigns_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_ratings" DROP CONSTRAINT "survey_ratings_response_id_survey_responses_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_responses" DROP CONSTRAINT "survey_responses_invitation_id_survey_invitations_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_responses" DROP CONSTRAINT "survey_responses_template_id_survey_templates_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_responses" DROP CONSTRAINT "survey_responses_follow_up_ticket_id_tickets_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_responses" DROP CONSTRAINT "survey_responses_entered_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_settings" DROP CONSTRAINT "survey_settings_updated_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_templates" DROP CONSTRAINT "survey_templates_created_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "attachments" DROP CONSTRAINT "attachments_ticket_id_tickets_id_fk";
--> statement-breakpoint
ALTER TABLE "forbidden_phrase_hits" DROP CONSTRAINT "forbidden_phrase_hits_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "forbidden_phrase_hits" DROP CONSTRAINT "forbidden_phrase_hits_ticket_id_tickets_id_fk";
--> statement-breakpoint
ALTER TABLE "saved_views" DROP CONSTRAINT "saved_views_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "ticket_assists" DROP CONSTRAINT "ticket_assists_ticket_id_tickets_id_fk";
--> statement-breakpoint
ALTER TABLE "ticket_assists" DROP CONSTRAINT "ticket_assists_department_id_departments_id_fk";
--> statement-breakpoint
ALTER TABLE "ticket_assists" DROP CONSTRAINT "ticket_assists_owner_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "ticket_assists" DROP CONSTRAINT "ticket_assists_requested_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "ticket_events" DROP CONSTRAINT "ticket_events_ticket_id_tickets_id_fk";
--> statement-breakpoint
ALTER TABLE "tickets" DROP CONSTRAINT "tickets_customer_id_customers_id_fk";
--> statement-breakpoint
ALTER TABLE "tickets" DROP CONSTRAINT "tickets_contact_id_contacts_id_fk";
--> statement-breakpoint
ALTER TABLE "tickets" DROP CONSTRAINT "tickets_first_responder_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "tickets" DROP CONSTRAINT "tickets_assignee_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "tickets" DROP CONSTRAINT "tickets_department_id_departments_id_fk";
--> statement-breakpoint
DROP INDEX "appraisal_results_person";
--> statement-breakpoint
DROP INDEX "approval_actions_level";
--> statement-breakpoint
DROP INDEX "approval_actions_person";
--> statement-breakpoint
DROP INDEX "complaint_countersigns_department";
--> statement-breakpoint
DROP INDEX "complaint_steps_step";
--> statement-breakpoint
DROP INDEX "complaints_ticket";
--> statement-breakpoint
DROP INDEX "rmas_compensation";
--> statement-breakpoint
DROP INDEX "agreement_visits_seq";
--> statement-breakpoint
DROP INDEX "recall_units_unit";
--> statement-breakpoint
DROP INDEX "work_order_parts_order_part";
--> statement-breakpoint
DROP INDEX "api_tokens_token_hash";
--> statement-breakpoint
DROP INDEX "sessions_token_hash";
--> statement-breakpoint
DROP INDEX "jobs_dedupe_key";
--> statement-breakpoint
DROP INDEX "report_subscriptions_user";
--> statement-breakpoint
DROP INDEX "qa_draws_plan_period";
--> statement-breakpoint
DROP INDEX "qa_rectifications_inspection";
--> statement-breakpoint
DROP INDEX "sla_breaches_clock";
--> statement-breakpoint
DROP INDEX "survey_invitations_token";
--> statement-breakpoint
DROP INDEX "survey_responses_invitation";
--> statement-breakpoint
ALTER TABLE "user_roles" DROP CONSTRAINT "user_roles_user_id_role_id_pk";
--> statement-breakpoint
ALTER TABLE "part_stock" DROP CONSTRAINT "part_stock_part_id_service_point_id_pk";
--> statement-breakpoint
ALTER TABLE "appraisal_periods" DROP CONSTRAINT "appraisal_periods_pkey";
--> statement-breakpoint
ALTER TABLE "appraisal_results" DROP CONSTRAINT "appraisal_results_pkey";
--> statement-breakpoint
ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_pkey";
--> statement-breakpoint
ALTER TABLE "approval_actions" DROP CONSTRAINT "approval_actions_pkey";
--> statement-breakpoint
ALTER TABLE "approval_requests" DROP CONSTRAINT "approval_requests_pkey";
--> statement-breakpoint
ALTER TABLE "approval_rules" DROP CONSTRAINT "approval_rules_pkey";
--> statement-breakpoint
ALTER TABLE "compensations" DROP CONSTRAINT "compensations_pkey";
--> statement-breakpoint
ALTER TABLE "complaint_categories" DROP CONSTRAINT "complaint_categories_pkey";
--> statement-breakpoint
ALTER TABLE "complaint_countersigns" DROP CONSTRAINT "complaint_countersigns_pkey";
--> statement-breakpoint
ALTER TABLE "complaint_proposals" DROP CONSTRAINT "complaint_proposals_pkey";
--> statement-breakpoint
ALTER TABLE "complaint_steps" DROP CONSTRAINT "complaint_steps_pkey";
--> statement-breakpoint
ALTER TABLE "complaints" DROP CONSTRAINT "complaints_pkey";
--> statement-breakpoint
ALTER TABLE "rmas" DROP CONSTRAINT "rmas_pkey";
--> statement-breakpoint
ALTER TABLE "contacts" DROP CONSTRAINT "contacts_pkey";
--> statement-breakpoint
ALTER TABLE "customers" DROP CONSTRAINT "customers_pkey";
--> statement-breakpoint
ALTER TABLE "purchases" DROP CONSTRAINT "purchases_pkey";
--> statement-breakpoint
ALTER TABLE "agreement_visits" DROP CONSTRAINT "agreement_visits_pkey";
--> statement-breakpoint
ALTER TABLE "arrival_records" DROP CONSTRAINT "arrival_records_pkey";
--> statement-breakpoint
ALTER TABLE "callback_tasks" DROP CONSTRAINT "callback_tasks_pkey";
--> statement-breakpoint
ALTER TABLE "dispatch_approval_rules" DROP CONSTRAINT "dispatch_approval_rules_pkey";
--> statement-breakpoint
ALTER TABLE "engineer_week_summaries" DROP CONSTRAINT "engineer_week_summaries_pkey";
--> statement-breakpoint
ALTER TABLE "recall_campaigns" DROP CONSTRAINT "recall_campaigns_pkey";
--> statement-breakpoint
ALTER TABLE "recall_units" DROP CONSTRAINT "recall_units_pkey";
--> statement-breakpoint
ALTER TABLE "repair_returns" DROP CONSTRAINT "repair_returns_pkey";
--> statement-breakpoint
ALTER TABLE "service_agreements" DROP CONSTRAINT "service_agreements_pkey";
--> statement-breakpoint
ALTER TABLE "tools" DROP CONSTRAINT "tools_pkey";
--> statement-breakpoint
ALTER TABLE "work_order_kind_settings" DROP CONSTRAINT "work_order_kind_settings_pkey";
--> statement-breakpoint
ALTER TABLE "work_order_parts" DROP CONSTRAINT "work_order_parts_pkey";
--> statement-breakpoint
ALTER TABLE "work_orders" DROP CONSTRAINT "work_orders_pkey";
--> statement-breakpoint
ALTER TABLE "api_tokens" DROP CONSTRAINT "api_tokens_pkey";
--> statement-breakpoint
ALTER TABLE "departments" DROP CONSTRAINT "departments_pkey";
--> statement-breakpoint
ALTER TABLE "roles" DROP CONSTRAINT "roles_pkey";
--> statement-breakpoint
ALTER TABLE "service_points" DROP CONSTRAINT "service_points_pkey";
--> statement-breakpoint
ALTER TABLE "sessions" DROP CONSTRAINT "sessions_pkey";
--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_pkey";
--> statement-breakpoint
ALTER TABLE "jobs" DROP CONSTRAINT "jobs_pkey";
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_pkey";
--> statement-breakpoint
ALTER TABLE "outbox_messages" DROP CONSTRAINT "outbox_messages_pkey";
--> statement-breakpoint
ALTER TABLE "portal_codes" DROP CONSTRAINT "portal_codes_pkey";
--> statement-breakpoint
ALTER TABLE "report_subscriptions" DROP CONSTRAINT "report_subscriptions_pkey";
--> statement-breakpoint
ALTER TABLE "replenishment_orders" DROP CONSTRAINT "replenishment_orders_pkey";
--> statement-breakpoint
ALTER TABLE "spare_parts" DROP CONSTRAINT "spare_parts_pkey";
--> statement-breakpoint
ALTER TABLE "stock_movements" DROP CONSTRAINT "stock_movements_pkey";
--> statement-breakpoint
ALTER TABLE "qa_draws" DROP CONSTRAINT "qa_draws_pkey";
--> statement-breakpoint
ALTER TABLE "qa_inspections" DROP CONSTRAINT "qa_inspections_pkey";
--> statement-breakpoint
ALTER TABLE "qa_plans" DROP CONSTRAINT "qa_plans_pkey";
--> statement-breakpoint
ALTER TABLE "qa_rectifications" DROP CONSTRAINT "qa_rectifications_pkey";
--> statement-breakpoint
ALTER TABLE "qa_scorecards" DROP CONSTRAINT "qa_scorecards_pkey";
--> statement-breakpoint
ALTER TABLE "qa_supervision_reports" DROP CONSTRAINT "qa_supervision_reports_pkey";
--> statement-breakpoint
ALTER TABLE "sanctions" DROP CONSTRAINT "sanctions_pkey";
--> statement-breakpoint
ALTER TABLE "business_calendars" DROP CONSTRAINT "business_calendars_pkey";
--> statement-breakpoint
ALTER TABLE "sla_breaches" DROP CONSTRAINT "sla_breaches_pkey";
--> statement-breakpoint
ALTER TABLE "sla_policies" DROP CONSTRAINT "sla_policies_pkey";
--> statement-breakpoint
ALTER TABLE "ticket_sla_clocks" DROP CONSTRAINT "ticket_sla_clocks_pkey";
--> statement-breakpoint
ALTER TABLE "callback_samples" DROP CONSTRAINT "callback_samples_pkey";
--> statement-breakpoint
ALTER TABLE "customer_callbacks" DROP CONSTRAINT "customer_callbacks_pkey";
--> statement-breakpoint
ALTER TABLE "improvement_actions" DROP CONSTRAINT "improvement_actions_pkey";
--> statement-breakpoint
ALTER TABLE "satisfaction_analyses" DROP CONSTRAINT "satisfaction_analyses_pkey";
--> statement-breakpoint
ALTER TABLE "survey_campaigns" DROP CONSTRAINT "survey_campaigns_pkey";
--> statement-breakpoint
ALTER TABLE "survey_invitations" DROP CONSTRAINT "survey_invitations_pkey";
--> statement-breakpoint
ALTER TABLE "survey_ratings" DROP CONSTRAINT "survey_ratings_pkey";
--> statement-breakpoint
ALTER TABLE "survey_responses" DROP CONSTRAINT "survey_responses_pkey";
--> statement-breakpoint
ALTER TABLE "survey_templates" DROP CONSTRAINT "survey_templates_pkey";
--> statement-breakpoint
ALTER TABLE "attachments" DROP CONSTRAINT "attachments_pkey";
--> statement-breakpoint
ALTER TABLE "forbidden_phrase_hits" DROP CONSTRAINT "forbidden_phrase_hits_pkey";
--> statement-breakpoint
ALTER TABLE "forbidden_phrases" DROP CONSTRAINT "forbidden_phrases_pkey";
--> statement-breakpoint
ALTER TABLE "saved_views" DROP CONSTRAINT "saved_views_pkey";
--> statement-breakpoint
ALTER TABLE "standard_answers" DROP CONSTRAINT "standard_answers_pkey";
--> statement-breakpoint
ALTER TABLE "ticket_assists" DROP CONSTRAINT "ticket_assists_pkey";
--> statement-breakpoint
ALTER TABLE "ticket_events" DROP CONSTRAINT "ticket_events_pkey";
--> statement-breakpoint
ALTER TABLE "tickets" DROP CONSTRAINT "tickets_pkey";
--> statement-breakpoint
ALTER TABLE "appraisal_periods" ADD CONSTRAINT "appraisal_periods_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "appraisal_results" ADD CONSTRAINT "appraisal_results_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "approval_actions" ADD CONSTRAINT "approval_actions_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "approval_rules" ADD CONSTRAINT "approval_rules_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "compensations" ADD CONSTRAINT "compensations_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "complaint_categories" ADD CONSTRAINT "complaint_categories_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "complaint_countersigns" ADD CONSTRAINT "complaint_countersigns_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "complaint_proposals" ADD CONSTRAINT "complaint_proposals_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "complaint_steps" ADD CONSTRAINT "complaint_steps_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "rmas" ADD CONSTRAINT "rmas_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "purchases" ADD CONSTRAINT "purchases_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "agreement_visits" ADD CONSTRAINT "agreement_visits_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "arrival_records" ADD CONSTRAINT "arrival_records_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "callback_tasks" ADD CONSTRAINT "callback_tasks_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "dispatch_approval_rules" ADD CONSTRAINT "dispatch_approval_rules_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "engineer_week_summaries" ADD CONSTRAINT "engineer_week_summaries_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "recall_campaigns" ADD CONSTRAINT "recall_campaigns_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "recall_units" ADD CONSTRAINT "recall_units_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "repair_returns" ADD CONSTRAINT "repair_returns_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "service_agreements" ADD CONSTRAINT "service_agreements_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "tools" ADD CONSTRAINT "tools_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "work_order_kind_settings" ADD CONSTRAINT "work_order_kind_settings_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "work_order_parts" ADD CONSTRAINT "work_order_parts_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "roles" ADD CONSTRAINT "roles_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "service_points" ADD CONSTRAINT "service_points_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_org_id_user_id_role_id_pk" PRIMARY KEY("org_id","user_id","role_id");
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "portal_codes" ADD CONSTRAINT "portal_codes_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "report_subscriptions" ADD CONSTRAINT "report_subscriptions_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "part_stock" ADD CONSTRAINT "part_stock_org_id_part_id_service_point_id_pk" PRIMARY KEY("org_id","part_id","service_point_id");
--> statement-breakpoint
ALTER TABLE "replenishment_orders" ADD CONSTRAINT "replenishment_orders_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "spare_parts" ADD CONSTRAINT "spare_parts_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "qa_draws" ADD CONSTRAINT "qa_draws_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "qa_inspections" ADD CONSTRAINT "qa_inspections_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "qa_plans" ADD CONSTRAINT "qa_plans_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "qa_rectifications" ADD CONSTRAINT "qa_rectifications_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "qa_scorecards" ADD CONSTRAINT "qa_scorecards_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "qa_supervision_reports" ADD CONSTRAINT "qa_supervision_reports_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "sanctions" ADD CONSTRAINT "sanctions_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "business_calendars" ADD CONSTRAINT "business_calendars_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "sla_breaches" ADD CONSTRAINT "sla_breaches_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "ticket_sla_clocks" ADD CONSTRAINT "ticket_sla_clocks_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "callback_samples" ADD CONSTRAINT "callback_samples_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "customer_callbacks" ADD CONSTRAINT "customer_callbacks_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD CONSTRAINT "improvement_actions_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "satisfaction_analyses" ADD CONSTRAINT "satisfaction_analyses_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "survey_campaigns" ADD CONSTRAINT "survey_campaigns_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "survey_ratings" ADD CONSTRAINT "survey_ratings_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "survey_templates" ADD CONSTRAINT "survey_templates_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "forbidden_phrase_hits" ADD CONSTRAINT "forbidden_phrase_hits_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "forbidden_phrases" ADD CONSTRAINT "forbidden_phrases_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "standard_answers" ADD CONSTRAINT "standard_answers_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "ticket_assists" ADD CONSTRAINT "ticket_assists_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "ticket_events" ADD CONSTRAINT "ticket_events_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_org_id_id_pk" PRIMARY KEY("org_id","id");
--> statement-breakpoint
CREATE UNIQUE INDEX "appraisal_results_person" ON "appraisal_results" USING btree ("org_id","period_id","user_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "approval_actions_level" ON "approval_actions" USING btree ("org_id","request_id","level");
--> statement-breakpoint
CREATE UNIQUE INDEX "approval_actions_person" ON "approval_actions" USING btree ("org_id","request_id","approver_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_countersigns_department" ON "complaint_countersigns" USING btree ("org_id","complaint_id","department_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_steps_step" ON "complaint_steps" USING btree ("org_id","complaint_id","step");
--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_ticket" ON "complaints" USING btree ("org_id","ticket_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "rmas_compensation" ON "rmas" USING btree ("org_id","compensation_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_visits_seq" ON "agreement_visits" USING btree ("org_id","agreement_id","seq");
--> statement-breakpoint
CREATE UNIQUE INDEX "recall_units_unit" ON "recall_units" USING btree ("org_id","campaign_id","purchase_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "work_order_parts_order_part" ON "work_order_parts" USING btree ("org_id","work_order_id","part_id");
--> statement-breakpoint
CREATE INDEX "api_tokens_token_hash" ON "api_tokens" USING btree ("token_hash");
--> statement-breakpoint
CREATE INDEX "sessions_token_hash" ON "sessions" USING btree ("token_hash");
--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_dedupe_key" ON "jobs" USING btree ("org_id","dedupe_key");
--> statement-breakpoint
CREATE UNIQUE INDEX "report_subscriptions_user" ON "report_subscriptions" USING btree ("org_id","user_id","cadence");
--> statement-breakpoint
CREATE UNIQUE INDEX "qa_draws_plan_period" ON "qa_draws" USING btree ("org_id","plan_id","period");
--> statement-breakpoint
CREATE UNIQUE INDEX "qa_rectifications_inspection" ON "qa_rectifications" USING btree ("org_id","inspection_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "sla_breaches_clock" ON "sla_breaches" USING btree ("org_id","clock_id");
--> statement-breakpoint
CREATE INDEX "survey_invitations_token" ON "survey_invitations" USING btree ("token");
--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_invitation" ON "survey_responses" USING btree ("org_id","invitation_id");
--> statement-breakpoint
ALTER TABLE "appraisal_periods" ADD CONSTRAINT "appraisal_periods_created_by_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "appraisal_periods" ADD CONSTRAINT "appraisal_periods_published_by_fk" FOREIGN KEY ("org_id","published_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "appraisal_results" ADD CONSTRAINT "appraisal_results_period_id_fk" FOREIGN KEY ("org_id","period_id") REFERENCES "public"."appraisal_periods"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "appraisal_results" ADD CONSTRAINT "appraisal_results_user_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "appraisal_results" ADD CONSTRAINT "appraisal_results_department_id_fk" FOREIGN KEY ("org_id","department_id") REFERENCES "public"."departments"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "appraisal_results" ADD CONSTRAINT "appraisal_results_adjusted_by_fk" FOREIGN KEY ("org_id","adjusted_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "appraisal_results" ADD CONSTRAINT "appraisal_results_decided_by_fk" FOREIGN KEY ("org_id","decided_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "appraisal_settings" ADD CONSTRAINT "appraisal_settings_updated_by_fk" FOREIGN KEY ("org_id","updated_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "approval_actions" ADD CONSTRAINT "approval_actions_request_id_fk" FOREIGN KEY ("org_id","request_id") REFERENCES "public"."approval_requests"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "approval_actions" ADD CONSTRAINT "approval_actions_approver_id_fk" FOREIGN KEY ("org_id","approver_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_complaint_id_fk" FOREIGN KEY ("org_id","complaint_id") REFERENCES "public"."complaints"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_requested_by_fk" FOREIGN KEY ("org_id","requested_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "compensations" ADD CONSTRAINT "compensations_complaint_id_fk" FOREIGN KEY ("org_id","complaint_id") REFERENCES "public"."complaints"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "compensations" ADD CONSTRAINT "compensations_paid_by_fk" FOREIGN KEY ("org_id","paid_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "compensations" ADD CONSTRAINT "compensations_created_by_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "complaint_categories" ADD CONSTRAINT "complaint_categories_department_id_fk" FOREIGN KEY ("org_id","department_id") REFERENCES "public"."departments"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "complaint_countersigns" ADD CONSTRAINT "complaint_countersigns_complaint_id_fk" FOREIGN KEY ("org_id","complaint_id") REFERENCES "public"."complaints"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "complaint_countersigns" ADD CONSTRAINT "complaint_countersigns_department_id_fk" FOREIGN KEY ("org_id","department_id") REFERENCES "public"."departments"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "complaint_countersigns" ADD CONSTRAINT "complaint_countersigns_signed_by_fk" FOREIGN KEY ("org_id","signed_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "complaint_proposals" ADD CONSTRAINT "complaint_proposals_complaint_id_fk" FOREIGN KEY ("org_id","complaint_id") REFERENCES "public"."complaints"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "complaint_proposals" ADD CONSTRAINT "complaint_proposals_offered_by_fk" FOREIGN KEY ("org_id","offered_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "complaint_proposals" ADD CONSTRAINT "complaint_proposals_recorded_by_fk" FOREIGN KEY ("org_id","recorded_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "complaint_steps" ADD CONSTRAINT "complaint_steps_complaint_id_fk" FOREIGN KEY ("org_id","complaint_id") REFERENCES "public"."complaints"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "complaint_steps" ADD CONSTRAINT "complaint_steps_owner_id_fk" FOREIGN KEY ("org_id","owner_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "complaint_steps" ADD CONSTRAINT "complaint_steps_department_id_fk" FOREIGN KEY ("org_id","department_id") REFERENCES "public"."departments"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "complaint_steps" ADD CONSTRAINT "complaint_steps_completed_by_fk" FOREIGN KEY ("org_id","completed_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_ticket_id_fk" FOREIGN KEY ("org_id","ticket_id") REFERENCES "public"."tickets"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_category_id_fk" FOREIGN KEY ("org_id","category_id") REFERENCES "public"."complaint_categories"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_responsible_department_id_fk" FOREIGN KEY ("org_id","responsible_department_id") REFERENCES "public"."departments"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_coordinator_id_fk" FOREIGN KEY ("org_id","coordinator_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_accused_user_id_fk" FOREIGN KEY ("org_id","accused_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_created_by_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "rmas" ADD CONSTRAINT "rmas_compensation_id_fk" FOREIGN KEY ("org_id","compensation_id") REFERENCES "public"."compensations"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_customer_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_owner_user_id_fk" FOREIGN KEY ("org_id","owner_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_created_by_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_merged_into_id_fk" FOREIGN KEY ("org_id","merged_into_id") REFERENCES "public"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "purchases" ADD CONSTRAINT "purchases_customer_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "agreement_visits" ADD CONSTRAINT "agreement_visits_agreement_id_fk" FOREIGN KEY ("org_id","agreement_id") REFERENCES "public"."service_agreements"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "agreement_visits" ADD CONSTRAINT "agreement_visits_ticket_id_fk" FOREIGN KEY ("org_id","ticket_id") REFERENCES "public"."tickets"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "agreement_visits" ADD CONSTRAINT "agreement_visits_work_order_id_fk" FOREIGN KEY ("org_id","work_order_id") REFERENCES "public"."work_orders"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "arrival_records" ADD CONSTRAINT "arrival_records_work_order_id_fk" FOREIGN KEY ("org_id","work_order_id") REFERENCES "public"."work_orders"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "arrival_records" ADD CONSTRAINT "arrival_records_engineer_id_fk" FOREIGN KEY ("org_id","engineer_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "arrival_records" ADD CONSTRAINT "arrival_records_recorded_by_fk" FOREIGN KEY ("org_id","recorded_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "callback_tasks" ADD CONSTRAINT "callback_tasks_ticket_id_fk" FOREIGN KEY ("org_id","ticket_id") REFERENCES "public"."tickets"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "callback_tasks" ADD CONSTRAINT "callback_tasks_work_order_id_fk" FOREIGN KEY ("org_id","work_order_id") REFERENCES "public"."work_orders"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "callback_tasks" ADD CONSTRAINT "callback_tasks_assignee_id_fk" FOREIGN KEY ("org_id","assignee_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "callback_tasks" ADD CONSTRAINT "callback_tasks_sample_id_fk" FOREIGN KEY ("org_id","sample_id") REFERENCES "public"."callback_samples"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "callback_tasks" ADD CONSTRAINT "callback_tasks_done_by_fk" FOREIGN KEY ("org_id","done_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "callback_tasks" ADD CONSTRAINT "callback_tasks_response_id_fk" FOREIGN KEY ("org_id","response_id") REFERENCES "public"."survey_responses"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "engineer_week_summaries" ADD CONSTRAINT "engineer_week_summaries_engineer_id_fk" FOREIGN KEY ("org_id","engineer_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "recall_campaigns" ADD CONSTRAINT "recall_campaigns_created_by_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "recall_units" ADD CONSTRAINT "recall_units_campaign_id_fk" FOREIGN KEY ("org_id","campaign_id") REFERENCES "public"."recall_campaigns"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "recall_units" ADD CONSTRAINT "recall_units_purchase_id_fk" FOREIGN KEY ("org_id","purchase_id") REFERENCES "public"."purchases"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "recall_units" ADD CONSTRAINT "recall_units_ticket_id_fk" FOREIGN KEY ("org_id","ticket_id") REFERENCES "public"."tickets"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "recall_units" ADD CONSTRAINT "recall_units_work_order_id_fk" FOREIGN KEY ("org_id","work_order_id") REFERENCES "public"."work_orders"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "repair_returns" ADD CONSTRAINT "repair_returns_work_order_id_fk" FOREIGN KEY ("org_id","work_order_id") REFERENCES "public"."work_orders"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "repair_returns" ADD CONSTRAINT "repair_returns_ticket_id_fk" FOREIGN KEY ("org_id","ticket_id") REFERENCES "public"."tickets"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "repair_returns" ADD CONSTRAINT "repair_returns_customer_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "repair_returns" ADD CONSTRAINT "repair_returns_received_by_fk" FOREIGN KEY ("org_id","received_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "repair_returns" ADD CONSTRAINT "repair_returns_repaired_by_fk" FOREIGN KEY ("org_id","repaired_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "repair_returns" ADD CONSTRAINT "repair_returns_returned_by_fk" FOREIGN KEY ("org_id","returned_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "service_agreements" ADD CONSTRAINT "service_agreements_customer_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "service_agreements" ADD CONSTRAINT "service_agreements_owner_id_fk" FOREIGN KEY ("org_id","owner_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "service_agreements" ADD CONSTRAINT "service_agreements_created_by_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "tools" ADD CONSTRAINT "tools_service_point_id_fk" FOREIGN KEY ("org_id","service_point_id") REFERENCES "public"."service_points"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "tools" ADD CONSTRAINT "tools_holder_id_fk" FOREIGN KEY ("org_id","holder_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "tools" ADD CONSTRAINT "tools_lent_to_customer_id_fk" FOREIGN KEY ("org_id","lent_to_customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "work_order_parts" ADD CONSTRAINT "work_order_parts_work_order_id_fk" FOREIGN KEY ("org_id","work_order_id") REFERENCES "public"."work_orders"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "work_order_parts" ADD CONSTRAINT "work_order_parts_part_id_fk" FOREIGN KEY ("org_id","part_id") REFERENCES "public"."spare_parts"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "work_order_parts" ADD CONSTRAINT "work_order_parts_service_point_id_fk" FOREIGN KEY ("org_id","service_point_id") REFERENCES "public"."service_points"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_ticket_id_fk" FOREIGN KEY ("org_id","ticket_id") REFERENCES "public"."tickets"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_customer_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_purchase_id_fk" FOREIGN KEY ("org_id","purchase_id") REFERENCES "public"."purchases"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_service_point_id_fk" FOREIGN KEY ("org_id","service_point_id") REFERENCES "public"."service_points"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_engineer_id_fk" FOREIGN KEY ("org_id","engineer_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_dispatched_by_fk" FOREIGN KEY ("org_id","dispatched_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_approved_by_fk" FOREIGN KEY ("org_id","approved_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_report_reviewed_by_fk" FOREIGN KEY ("org_id","report_reviewed_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_settled_by_fk" FOREIGN KEY ("org_id","settled_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_created_by_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_parent_id_fk" FOREIGN KEY ("org_id","parent_id") REFERENCES "public"."departments"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_user_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_role_id_fk" FOREIGN KEY ("org_id","role_id") REFERENCES "public"."roles"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_department_id_fk" FOREIGN KEY ("org_id","department_id") REFERENCES "public"."departments"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_service_point_id_fk" FOREIGN KEY ("org_id","service_point_id") REFERENCES "public"."service_points"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "report_subscriptions" ADD CONSTRAINT "report_subscriptions_user_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "part_stock" ADD CONSTRAINT "part_stock_part_id_fk" FOREIGN KEY ("org_id","part_id") REFERENCES "public"."spare_parts"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "part_stock" ADD CONSTRAINT "part_stock_service_point_id_fk" FOREIGN KEY ("org_id","service_point_id") REFERENCES "public"."service_points"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "replenishment_orders" ADD CONSTRAINT "replenishment_orders_part_id_fk" FOREIGN KEY ("org_id","part_id") REFERENCES "public"."spare_parts"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "replenishment_orders" ADD CONSTRAINT "replenishment_orders_service_point_id_fk" FOREIGN KEY ("org_id","service_point_id") REFERENCES "public"."service_points"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "replenishment_orders" ADD CONSTRAINT "replenishment_orders_created_by_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "replenishment_orders" ADD CONSTRAINT "replenishment_orders_received_by_fk" FOREIGN KEY ("org_id","received_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_part_id_fk" FOREIGN KEY ("org_id","part_id") REFERENCES "public"."spare_parts"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_service_point_id_fk" FOREIGN KEY ("org_id","service_point_id") REFERENCES "public"."service_points"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_actor_id_fk" FOREIGN KEY ("org_id","actor_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "qa_draws" ADD CONSTRAINT "qa_draws_plan_id_fk" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."qa_plans"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "qa_inspections" ADD CONSTRAINT "qa_inspections_draw_id_fk" FOREIGN KEY ("org_id","draw_id") REFERENCES "public"."qa_draws"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "qa_inspections" ADD CONSTRAINT "qa_inspections_ticket_id_fk" FOREIGN KEY ("org_id","ticket_id") REFERENCES "public"."tickets"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "qa_inspections" ADD CONSTRAINT "qa_inspections_work_order_id_fk" FOREIGN KEY ("org_id","work_order_id") REFERENCES "public"."work_orders"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "qa_inspections" ADD CONSTRAINT "qa_inspections_agent_id_fk" FOREIGN KEY ("org_id","agent_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "qa_inspections" ADD CONSTRAINT "qa_inspections_department_id_fk" FOREIGN KEY ("org_id","department_id") REFERENCES "public"."departments"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "qa_inspections" ADD CONSTRAINT "qa_inspections_inspector_id_fk" FOREIGN KEY ("org_id","inspector_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "qa_inspections" ADD CONSTRAINT "qa_inspections_scorecard_id_fk" FOREIGN KEY ("org_id","scorecard_id") REFERENCES "public"."qa_scorecards"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "qa_inspections" ADD CONSTRAINT "qa_inspections_decided_by_fk" FOREIGN KEY ("org_id","decided_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "qa_inspections" ADD CONSTRAINT "qa_inspections_created_by_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "qa_plans" ADD CONSTRAINT "qa_plans_scorecard_id_fk" FOREIGN KEY ("org_id","scorecard_id") REFERENCES "public"."qa_scorecards"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "qa_rectifications" ADD CONSTRAINT "qa_rectifications_inspection_id_fk" FOREIGN KEY ("org_id","inspection_id") REFERENCES "public"."qa_inspections"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "qa_rectifications" ADD CONSTRAINT "qa_rectifications_assignee_id_fk" FOREIGN KEY ("org_id","assignee_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "qa_rectifications" ADD CONSTRAINT "qa_rectifications_checked_by_fk" FOREIGN KEY ("org_id","checked_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "sanction_settings" ADD CONSTRAINT "sanction_settings_updated_by_fk" FOREIGN KEY ("org_id","updated_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "sanctions" ADD CONSTRAINT "sanctions_user_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "sanctions" ADD CONSTRAINT "sanctions_department_id_fk" FOREIGN KEY ("org_id","department_id") REFERENCES "public"."departments"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "sanctions" ADD CONSTRAINT "sanctions_proposed_by_fk" FOREIGN KEY ("org_id","proposed_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "sanctions" ADD CONSTRAINT "sanctions_decided_by_fk" FOREIGN KEY ("org_id","decided_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "sla_breaches" ADD CONSTRAINT "sla_breaches_clock_id_fk" FOREIGN KEY ("org_id","clock_id") REFERENCES "public"."ticket_sla_clocks"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "sla_breaches" ADD CONSTRAINT "sla_breaches_ticket_id_fk" FOREIGN KEY ("org_id","ticket_id") REFERENCES "public"."tickets"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "sla_breaches" ADD CONSTRAINT "sla_breaches_department_id_fk" FOREIGN KEY ("org_id","department_id") REFERENCES "public"."departments"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "sla_breaches" ADD CONSTRAINT "sla_breaches_assignee_id_fk" FOREIGN KEY ("org_id","assignee_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "sla_breaches" ADD CONSTRAINT "sla_breaches_reason_by_fk" FOREIGN KEY ("org_id","reason_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "ticket_sla_clocks" ADD CONSTRAINT "ticket_sla_clocks_ticket_id_fk" FOREIGN KEY ("org_id","ticket_id") REFERENCES "public"."tickets"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "ticket_sla_clocks" ADD CONSTRAINT "ticket_sla_clocks_policy_id_fk" FOREIGN KEY ("org_id","policy_id") REFERENCES "public"."sla_policies"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "customer_callbacks" ADD CONSTRAINT "customer_callbacks_customer_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "customer_callbacks" ADD CONSTRAINT "customer_callbacks_contact_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "public"."contacts"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "customer_callbacks" ADD CONSTRAINT "customer_callbacks_purchase_id_fk" FOREIGN KEY ("org_id","purchase_id") REFERENCES "public"."purchases"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "customer_callbacks" ADD CONSTRAINT "customer_callbacks_sample_id_fk" FOREIGN KEY ("org_id","sample_id") REFERENCES "public"."callback_samples"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "customer_callbacks" ADD CONSTRAINT "customer_callbacks_assignee_id_fk" FOREIGN KEY ("org_id","assignee_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "customer_callbacks" ADD CONSTRAINT "customer_callbacks_follow_up_ticket_id_fk" FOREIGN KEY ("org_id","follow_up_ticket_id") REFERENCES "public"."tickets"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "customer_callbacks" ADD CONSTRAINT "customer_callbacks_done_by_fk" FOREIGN KEY ("org_id","done_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD CONSTRAINT "improvement_actions_owner_id_fk" FOREIGN KEY ("org_id","owner_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD CONSTRAINT "improvement_actions_created_by_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "satisfaction_analyses" ADD CONSTRAINT "satisfaction_analyses_submitted_by_fk" FOREIGN KEY ("org_id","submitted_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_campaigns" ADD CONSTRAINT "survey_campaigns_template_id_fk" FOREIGN KEY ("org_id","template_id") REFERENCES "public"."survey_templates"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_campaigns" ADD CONSTRAINT "survey_campaigns_department_id_fk" FOREIGN KEY ("org_id","department_id") REFERENCES "public"."departments"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_campaigns" ADD CONSTRAINT "survey_campaigns_planned_by_fk" FOREIGN KEY ("org_id","planned_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_campaigns" ADD CONSTRAINT "survey_campaigns_decided_by_fk" FOREIGN KEY ("org_id","decided_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_template_id_fk" FOREIGN KEY ("org_id","template_id") REFERENCES "public"."survey_templates"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_ticket_id_fk" FOREIGN KEY ("org_id","ticket_id") REFERENCES "public"."tickets"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_work_order_id_fk" FOREIGN KEY ("org_id","work_order_id") REFERENCES "public"."work_orders"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_customer_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_contact_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "public"."contacts"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_agent_id_fk" FOREIGN KEY ("org_id","agent_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_engineer_id_fk" FOREIGN KEY ("org_id","engineer_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_department_id_fk" FOREIGN KEY ("org_id","department_id") REFERENCES "public"."departments"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_campaign_id_fk" FOREIGN KEY ("org_id","campaign_id") REFERENCES "public"."survey_campaigns"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_ratings" ADD CONSTRAINT "survey_ratings_response_id_fk" FOREIGN KEY ("org_id","response_id") REFERENCES "public"."survey_responses"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_invitation_id_fk" FOREIGN KEY ("org_id","invitation_id") REFERENCES "public"."survey_invitations"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_template_id_fk" FOREIGN KEY ("org_id","template_id") REFERENCES "public"."survey_templates"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_follow_up_ticket_id_fk" FOREIGN KEY ("org_id","follow_up_ticket_id") REFERENCES "public"."tickets"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_entered_by_fk" FOREIGN KEY ("org_id","entered_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_settings" ADD CONSTRAINT "survey_settings_updated_by_fk" FOREIGN KEY ("org_id","updated_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_templates" ADD CONSTRAINT "survey_templates_created_by_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_ticket_id_fk" FOREIGN KEY ("org_id","ticket_id") REFERENCES "public"."tickets"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "forbidden_phrase_hits" ADD CONSTRAINT "forbidden_phrase_hits_user_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "forbidden_phrase_hits" ADD CONSTRAINT "forbidden_phrase_hits_ticket_id_fk" FOREIGN KEY ("org_id","ticket_id") REFERENCES "public"."tickets"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_user_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "ticket_assists" ADD CONSTRAINT "ticket_assists_ticket_id_fk" FOREIGN KEY ("org_id","ticket_id") REFERENCES "public"."tickets"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "ticket_assists" ADD CONSTRAINT "ticket_assists_department_id_fk" FOREIGN KEY ("org_id","department_id") REFERENCES "public"."departments"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "ticket_assists" ADD CONSTRAINT "ticket_assists_owner_id_fk" FOREIGN KEY ("org_id","owner_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "ticket_assists" ADD CONSTRAINT "ticket_assists_requested_by_fk" FOREIGN KEY ("org_id","requested_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "ticket_events" ADD CONSTRAINT "ticket_events_ticket_id_fk" FOREIGN KEY ("org_id","ticket_id") REFERENCES "public"."tickets"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_customer_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_contact_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "public"."contacts"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_first_responder_id_fk" FOREIGN KEY ("org_id","first_responder_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_assignee_id_fk" FOREIGN KEY ("org_id","assignee_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_department_id_fk" FOREIGN KEY ("org_id","department_id") REFERENCES "public"."departments"("org_id","id") ON DELETE no action ON UPDATE no action;
