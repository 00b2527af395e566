CREATE INDEX "leads_city_count_idx" ON "leads" USING btree ("workspace_id",lower("city"),"city") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_state_count_idx" ON "leads" USING btree ("workspace_id",lower("state"),"state") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_country_count_idx" ON "leads" USING btree ("workspace_id",lower("country"),"country") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_title_count_idx" ON "leads" USING btree ("workspace_id",lower("title"),"title") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_industry_count_idx" ON "leads" USING btree ("workspace_id",lower("industry"),"industry") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_seniority_count_idx" ON "leads" USING btree ("workspace_id",lower("seniority"),"seniority") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_department_count_idx" ON "leads" USING btree ("workspace_id",lower("department"),"department") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_lead_source_count_idx" ON "leads" USING btree ("workspace_id",lower("lead_source"),"lead_source") WHERE deleted_at is null;