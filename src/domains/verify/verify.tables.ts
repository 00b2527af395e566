import { boolean, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { tsz } from '../../core/columns.js';
import type { DomainFacts } from './domain-facts.js';
import type { VerifyResult } from './types.js';

/**
 * What DNS and the catch-all probe said about a mail domain, shared by every workspace (public
 * facts about the internet, not anyone's data). Rows past `expires_at` are looked up again.
 */
export const verifyDomainCache = pgTable(
  'verify_domain_cache',
  {
    domain: text('domain').primaryKey(),
    facts: jsonb('facts').$type<DomainFacts>().notNull(),
    expiresAt: tsz('expires_at').notNull(),
    catchAll: boolean('catch_all'),
    catchAllExpiresAt: tsz('catch_all_expires_at'),
  },
  (t) => [index('verify_domain_cache_expires_idx').on(t.expiresAt)],
);

/** The last full (SMTP) verification of an address, shared: a hit costs no SMTP conversation. */
export const verifyResultCache = pgTable(
  'verify_result_cache',
  {
    email: text('email').primaryKey(),
    result: jsonb('result').$type<VerifyResult>().notNull(),
    checkedAt: tsz('checked_at').notNull(),
    expiresAt: tsz('expires_at').notNull(),
  },
  (t) => [index('verify_result_cache_expires_idx').on(t.expiresAt)],
);
