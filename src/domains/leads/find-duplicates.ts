import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { queryRows } from '../../core/db.js';
import { validationError } from '../../core/errors.js';
import { parseInput } from '../../core/validate.js';
import { toLeadView, type LeadView } from './lead-view.js';
import { leads, type LeadRow } from './leads.tables.js';

/**
 * Keys other than the email (unique already) on which two live leads may be the same person.
 * Each groups on indexed, normalized columns: the canonical LinkedIn URL, the E.164 phone, and
 * the company domain + folded last name + first name. Values flagged as invalid never match.
 */
export const DUPLICATE_KEYS = ['linkedin_url', 'phone', 'name_company'] as const;
export type DuplicateKey = (typeof DUPLICATE_KEYS)[number];

const KEY_SQL: Record<DuplicateKey, { cols: SQL[]; where: SQL }> = {
  linkedin_url: { cols: [sql`l.linkedin_url`], where: sql`l.linkedin_url is not null and not (l.issues ? 'linkedin_url')` },
  phone: { cols: [sql`l.phone`], where: sql`l.phone is not null and not (l.issues ? 'phone')` },
  name_company: {
    cols: [sql`l.company_domain`, sql`l.sort_last_name`, sql`lower(l.first_name)`],
    where: sql`l.company_domain is not null and l.first_name is not null and l.last_name is not null`,
  },
};

/** Leads shown per group (the count says how many there are). */
const LEADS_PER_GROUP = 20;

export const findDuplicatesSchema = z.strictObject({
  key: z.enum(DUPLICATE_KEYS).default('linkedin_url'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2000).optional(),
});
export type FindDuplicatesQuery = z.input<typeof findDuplicatesSchema>;

export interface DuplicateGroup {
  key: DuplicateKey;
  /** The shared value ("https://www.linkedin.com/in/jane", "+33612345678", "acme.com · doe · jane"). */
  value: string;
  count: number;
  /** Oldest first: the natural survivor of a merge. */
  leads: LeadView[];
}

/**
 * Groups of live leads sharing a key, in key order with keyset pages (`nextCursor` is the last
 * group's key). A page walks the key's index in order and stops after `limit` groups, so the
 * cost is the index range it covers, never a global sort.
 */
export async function findDuplicates(ctx: Ctx, query: FindDuplicatesQuery): Promise<{ items: DuplicateGroup[]; nextCursor: string | null }> {
  const q = parseInput(findDuplicatesSchema, query);
  const workspaceId = requireWorkspaceId(ctx);
  const { cols, where } = KEY_SQL[q.key];
  const after = q.cursor ? decodeGroupCursor(q.cursor, cols.length) : null;
  const keyList = sql.join(cols, sql`, `);
  const keyset = after ? sql`and (${keyList}) > (${sql.join(after.map((v) => sql`${v}`), sql`, `)})` : sql``;
  const groups = await queryRows<{ k: string[]; ids: string[]; n: number }>(
    ctx.db,
    sql`select array[${keyList}]::text[] as k, (array_agg(l.id order by l.created_at, l.id))[1:${sql.raw(String(LEADS_PER_GROUP))}] as ids, count(*)::int as n
          from leads l
         where l.workspace_id = ${workspaceId}::uuid and l.deleted_at is null and ${where} ${keyset}
         group by ${keyList}
        having count(*) > 1
         order by ${keyList}
         limit ${q.limit + 1}`,
  );
  const page = groups.slice(0, q.limit);
  const ids = page.flatMap((g) => g.ids);
  const rows = ids.length
    ? await ctx.db.select().from(leads).where(and(eq(leads.workspaceId, workspaceId), isNull(leads.deletedAt), inArray(leads.id, ids)))
    : [];
  const byId = new Map<string, LeadRow>(rows.map((r) => [r.id, r]));
  return {
    items: page.map((g) => ({
      key: q.key,
      value: displayValue(q.key, g.k),
      count: g.n,
      leads: g.ids.map((id) => byId.get(id)).filter((r): r is LeadRow => !!r).map(toLeadView),
    })),
    nextCursor: groups.length > q.limit ? Buffer.from(JSON.stringify(page.at(-1)!.k)).toString('base64url') : null,
  };
}

/** The name key's last name is a sort key ('1' + folded name): shown without its marker. */
const displayValue = (key: DuplicateKey, k: string[]) => (key === 'name_company' ? [k[0], k[1]!.slice(1), k[2]].join(' · ') : k[0]!);

function decodeGroupCursor(cursor: string, arity: number): string[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === arity && parsed.every((p) => typeof p === 'string')) return parsed as string[];
  } catch {
    // fall through
  }
  throw validationError('Invalid cursor; start again without one', [{ path: 'cursor', message: 'invalid' }]);
}
