-- Statistics of `issues -> 'phone'` and `issues -> 'mobile_phone'` (how many leads have their
-- phone flagged). Without them PostgreSQL guessed that "has a phone" (hasPhoneSql,
-- src/domains/leads/leads.tables.ts) holds for ~0.2 % of the leads instead of most of them, and
-- answered "has a phone and a valid email, newest first" by reading every lead through the small
-- partial index leads_with_phone_idx and sorting them (1.3 s at 1M leads) instead of walking the
-- creation-time index (11 ms). drizzle-kit cannot emit CREATE STATISTICS.
CREATE STATISTICS IF NOT EXISTS "leads_phone_issue_stats" ON ("issues" -> 'phone') FROM "leads";
--> statement-breakpoint
CREATE STATISTICS IF NOT EXISTS "leads_mobile_phone_issue_stats" ON ("issues" -> 'mobile_phone') FROM "leads";
