CREATE TABLE "schedule_runs" (
	"name" text NOT NULL,
	"tick" bigint NOT NULL,
	"locked_by" text NOT NULL,
	"locked_until" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"error" text,
	CONSTRAINT "schedule_runs_name_tick_pk" PRIMARY KEY("name","tick")
);
--> statement-breakpoint
CREATE INDEX "schedule_runs_unfinished" ON "schedule_runs" USING btree ("name") WHERE finished_at IS NULL;