import { randomUUID } from 'node:crypto';
import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { queryRows } from '../../core/db.js';
import { leads, type LeadRow } from '../leads/index.js';
import { adjustLeadCounts } from '../lists/index.js';
import type { CopyRows } from './bulk-copy.js';
import type { ImportOptions } from './import-input.js';
import { imports } from './imports.tables.js';
import { foldDuplicates } from './fold-duplicates.js';
import { matchKeys } from './match-keys.js';
import type { PreparedImportRow, RowError } from './prepare-import-rows.js';
import { updateFor, type ImportRef } from './update-for.js';

export type { ImportRef } from './update-for.js';

export interface ChunkCounts {
  created: number;
  updated: number;
  skipped: number;
  invalid: number;
  duplicates: number;
}

/** Every column of `leads`: COPY and the set-based statements name them all, in this order. */
const LEAD_COLUMNS = Object.entries(getTableColumns(leads)).map(([key, column]) => ({ key, name: column.name }));
const LEAD_COLUMN_NAMES = LEAD_COLUMNS.map((c) => c.name);
/** What an update may not change. */
const FIXED_ON_UPDATE = new Set(['id', 'workspace_id', 'created_at', 'deleted_at', 'deleted_by']);
const UPDATE_SET = sql.raw(
  LEAD_COLUMN_NAMES.filter((n) => !FIXED_ON_UPDATE.has(n))
    .map((n) => `${n} = s.${n}`)
    .join(', '),
);
const COLUMN_LIST = sql.raw(LEAD_COLUMN_NAMES.join(', '));
/** Staging tables of the connection: emptied at every commit, created once per connection. */
const stage = (name: 'import_new_leads' | 'import_updated_leads') => sql.raw(`create temp table if not exists ${name} (like leads) on commit delete rows`);
const ACTIVITY_COLUMNS = ['workspace_id', 'lead_id', 'type', 'actor_type', 'actor_user_id', 'actor_api_key_id', 'source_id', 'data', 'created_at'];
const CHANGE_COLUMNS = ['import_id', 'lead_id', 'workspace_id', 'action', 'before', 'after', 'row_number'];
const ERROR_COLUMNS = ['import_id', 'workspace_id', 'row_number', 'column', 'value', 'problem'];

type ActivityRow = [string, string, string, string, string | null, string | null, number, Record<string, unknown>, Date];
type ChangeRow = [string, string, string, 'updated' | 'skipped', Record<string, unknown> | null, Record<string, unknown> | null, number];

/**
 * Writes one chunk of prepared rows inside the chunk's transaction, in bulk: new leads and
 * updated leads are COPYed into staging tables, then inserted (`INSERT … SELECT … ON CONFLICT DO
 * NOTHING`) and updated (`UPDATE … FROM`) with one statement each; the created leads' undo
 * records and timeline entries come from arrays of ids (CreatedLeads), the others and the error
 * rows are COPYed; list membership is one `INSERT … SELECT unnest(…)`. Which rows
 * create, update, skip or are duplicates is decided here from one locking read of the matching
 * leads: a row matching an earlier row of the file (in this chunk or a committed one) is a duplicate.
 */
export async function writeImportChunk(ctx: Ctx, copy: CopyRows, imp: ImportRef, rows: PreparedImportRow[], errors: RowError[]): Promise<ChunkCounts> {
  const workspaceId = requireWorkspaceId(ctx);
  const now = ctx.clock.now();
  const folded = foldDuplicates(rows, imp.options, { workspaceId, sourceId: imp.sourceId, now, customFields: imp.customFields });
  rows = folded.rows;
  const counts: ChunkCounts = { created: 0, updated: 0, skipped: 0, invalid: new Set(errors.map((e) => e.rowNumber)).size, duplicates: folded.duplicates };
  const existing = await findMatches(ctx, rows, imp.options);
  const byKey = new Map<string, LeadRow>();
  for (const lead of existing) for (const key of matchKeys(lead, imp.options.matchOn)) byKey.set(key, lead);
  const touchedByImport = await leadsTouchedBy(ctx, imp.id, existing.map((l) => l.id));
  const actor = ctx.actor;
  const activity = (leadId: string, type: string, data: Record<string, unknown>): ActivityRow =>
    [workspaceId, leadId, type, actor.type, actor.userId ?? null, actor.apiKeyId ?? null, imp.sourceId, data, now];

  const seen = new Set<string>();
  const toInsert: (PreparedImportRow & { id: string })[] = [];
  const toUpdate: unknown[][] = [];
  const memberIds: string[] = [];
  const activities: ActivityRow[] = [];
  const changes: ChangeRow[] = [];
  /** Undo records of earlier blocks rewritten because a later row changed their lead again. */
  const restamped: { lead_id: string; before: Record<string, unknown> | null; after: { updatedAt: string } }[] = [];
  for (const row of rows) {
    if (row.keys.some((k) => seen.has(k))) {
      counts.duplicates++;
      continue;
    }
    for (const k of row.keys) seen.add(k);
    const match = row.keys.map((k) => byKey.get(k)).find(Boolean);
    if (!match) {
      toInsert.push({ ...row, id: randomUUID() });
      continue;
    }
    const touched = touchedByImport.get(match.id);
    if (touched) {
      // A later row of the file for a lead an earlier block wrote: combined into it, or dropped.
      counts.duplicates++;
      const update = touched.action === 'skipped' || touched.action === 'block' ? null : laterRowUpdate(match, row, imp, touched.action, now);
      if (!update) continue;
      touchedByImport.set(match.id, { action: 'block', before: null });
      const merged = { ...match, ...update.set } as Record<string, unknown>;
      toUpdate.push(LEAD_COLUMNS.map((c) => merged[c.key] ?? null));
      restamped.push({ lead_id: match.id, before: touched.action === 'updated' ? { ...update.before, ...touched.before } : null, after: { updatedAt: now.toISOString() } });
      activities.push(activity(match.id, 'fields_changed', { changes: update.changes }));
      continue;
    }
    touchedByImport.set(match.id, { action: 'block', before: null });
    memberIds.push(match.id);
    const update = imp.options.dedupe === 'skip' ? null : updateFor(match, row.patch, imp, now);
    if (!update) {
      counts.skipped++;
      changes.push([imp.id, match.id, workspaceId, 'skipped', null, null, row.rowNumber]);
      continue;
    }
    const merged = { ...match, ...update.set } as Record<string, unknown>;
    toUpdate.push(LEAD_COLUMNS.map((c) => merged[c.key] ?? null));
    changes.push([imp.id, match.id, workspaceId, 'updated', update.before, { updatedAt: now.toISOString() }, row.rowNumber]);
    activities.push(activity(match.id, 'fields_changed', { changes: update.changes }));
    counts.updated++;
  }

  if (toUpdate.length) {
    await ctx.db.execute(stage('import_updated_leads'));
    await copy(ctx.db, 'import_updated_leads', LEAD_COLUMN_NAMES, toUpdate);
    await ctx.db.execute(sql`update leads l set ${UPDATE_SET} from import_updated_leads s where l.id = s.id and l.workspace_id = ${workspaceId}::uuid`);
  }
  const created = new CreatedLeads();
  if (toInsert.length) {
    const ok = await insertLeads(ctx, copy, imp.options, toInsert);
    for (const r of toInsert) {
      if (!ok.has(r.id)) {
        counts.skipped++; // taken meanwhile by another writer, or the same address twice when emails are not a match key
        continue;
      }
      counts.created++;
      memberIds.push(r.id);
      created.add(r.id, r.rowNumber, r.prepared.fields);
    }
  }
  await copy(ctx.db, 'import_changes', CHANGE_COLUMNS, changes);
  if (restamped.length) await restampChanges(ctx, imp.id, restamped);
  await copy(ctx.db, 'lead_activities', ACTIVITY_COLUMNS, activities);
  await created.write(ctx, { importId: imp.id, sourceId: imp.sourceId, now });
  if (imp.listId && memberIds.length) {
    const joined = await queryRows<{ lead_id: string }>(
      ctx.db,
      sql`insert into lead_list_items (list_id, lead_id, workspace_id, added_by)
          select ${imp.listId}::uuid, m.id, ${workspaceId}::uuid, ${actor.userId ?? null}::uuid from unnest(${pgArray(memberIds)}::uuid[]) as m(id)
          on conflict do nothing
          returning lead_id`,
    );
    // Members are live leads (created now, or matched and locked): the count moves by what joined,
    // instead of a recount of the whole list per block (quadratic over a big import).
    await adjustLeadCounts(ctx, new Map([[imp.listId, joined.length]]));
  }
  await copy(
    ctx.db,
    'import_errors',
    ERROR_COLUMNS,
    errors.map((e) => [imp.id, workspaceId, e.rowNumber, e.column, e.value?.slice(0, 1000) ?? null, e.problem]),
  );
  await ctx.db
    .update(imports)
    .set({
      created: sql`${imports.created} + ${counts.created}`,
      updated: sql`${imports.updated} + ${counts.updated}`,
      skipped: sql`${imports.skipped} + ${counts.skipped}`,
      invalid: sql`${imports.invalid} + ${counts.invalid}`,
      duplicates: sql`${imports.duplicates} + ${counts.duplicates}`,
      updatedAt: now,
    })
    .where(and(eq(imports.id, imp.id), eq(imports.workspaceId, workspaceId)));
  return counts;
}

/**
 * Inserts the new leads; returns the ids written. When emails are a match key, the block holds
 * no address twice and none of a live lead (matched above), so the rows are COPYed straight into
 * `leads` (what the floor of the benchmark does) under a savepoint; if another writer took an
 * address meanwhile, the COPY fails as a whole and the block goes through the staging table,
 * whose `INSERT … SELECT … ON CONFLICT DO NOTHING` skips the taken addresses.
 */
async function insertLeads(ctx: Ctx, copy: CopyRows, options: ImportOptions, rows: (PreparedImportRow & { id: string })[]): Promise<Set<string>> {
  const values = rows.map((r) => {
    const row = r.prepared.row as Record<string, unknown>;
    return LEAD_COLUMNS.map((c) => (c.key === 'id' ? r.id : (row[c.key] ?? null)));
  });
  if (options.matchOn.includes('email')) {
    await ctx.db.execute(sql`savepoint import_copy`);
    try {
      await copy(ctx.db, 'leads', LEAD_COLUMN_NAMES, values);
      await ctx.db.execute(sql`release savepoint import_copy`);
      return new Set(rows.map((r) => r.id));
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      await ctx.db.execute(sql`rollback to savepoint import_copy`);
    }
  }
  await ctx.db.execute(stage('import_new_leads'));
  await copy(ctx.db, 'import_new_leads', LEAD_COLUMN_NAMES, values);
  const inserted = await queryRows<{ id: string }>(ctx.db, sql`insert into leads (${COLUMN_LIST}) select ${COLUMN_LIST} from import_new_leads on conflict do nothing returning id`);
  return new Set(inserted.map((r) => r.id));
}

function isUniqueViolation(e: unknown): boolean {
  for (let cur = e as { code?: string; cause?: unknown } | undefined, depth = 0; cur && depth < 5; cur = cur.cause as typeof cur, depth++) {
    if (cur.code === '23505') return true;
  }
  return false;
}

/**
 * The live leads of the workspace sharing a match key with a row, locked until the chunk commits.
 * Each value is probed on its own (workspace_id, key) index (a LATERAL subquery per value), so the
 * plan does not depend on statistics: with one `= any(5,000 values)` PostgreSQL read the whole
 * workspace through another index per block whenever `leads` had no fresh statistics (a fresh
 * database, autovacuum behind a big import, the embedded database which has no autovacuum) —
 * 1M rows took 550 s, 2–3 s a block near the end. LinkedIn and domain probes lock deleted leads
 * too (a `deleted_at IS NULL` there made a partial index look cheaper) and drop them here.
 */
async function findMatches(ctx: Ctx, rows: PreparedImportRow[], options: ImportOptions): Promise<LeadRow[]> {
  const emails = new Set<string>();
  const linkedins = new Set<string>();
  const domains = new Set<string>();
  for (const r of rows) {
    for (const k of r.keys) {
      if (k.startsWith('e:')) emails.add(r.prepared.row.emailNormalized!);
      else if (k.startsWith('l:')) linkedins.add(r.prepared.row.linkedinUrl!);
      else if (k.startsWith('n:')) domains.add(r.prepared.row.companyDomain!);
    }
  }
  // Skipping needs only the keys: no point in reading whole rows.
  const keysOnly = options.dedupe === 'skip' && options.duplicatesInFile === 'first';
  const found = new Map<string, LeadRow>();
  const probes: [string, Set<string>][] = [['email_normalized', emails], ['linkedin_url', linkedins], ['company_domain', domains]];
  for (const [column, values] of probes) {
    if (values.size === 0) continue;
    for (const lead of await lockedLeads(ctx, column, [...values], keysOnly)) if (lead.deletedAt === null && !found.has(lead.id)) found.set(lead.id, lead);
  }
  return [...found.values()];
}

const KEY_COLUMNS = sql.raw('id, email_normalized, linkedin_url, first_name, last_name, company_domain, issues, deleted_at');
const ALL_COLUMNS = Object.entries(getTableColumns(leads));

async function lockedLeads(ctx: Ctx, column: string, values: string[], keysOnly: boolean): Promise<LeadRow[]> {
  const live = column === 'email_normalized' ? sql`and deleted_at is null` : sql``;
  const raw = await queryRows<Record<string, unknown>>(
    ctx.db,
    sql`select l.* from unnest(${pgArray(values)}::text[]) as k(v)
        cross join lateral (
          select ${keysOnly ? KEY_COLUMNS : sql.raw('*')} from leads
           where workspace_id = ${requireWorkspaceId(ctx)}::uuid and ${sql.raw(column)} = k.v ${live}
             for update
        ) l`,
  );
  // As drizzle maps a select's row: each column's own decoder, the same driver values.
  return raw.map((r) => {
    const lead: Record<string, unknown> = {};
    for (const [key, col] of ALL_COLUMNS) if (col.name in r) lead[key] = r[col.name] === null ? null : col.mapFromDriverValue(r[col.name]);
    return lead as LeadRow;
  });
}

/** What this import did to a lead: in an earlier block (`created` / `updated` / `skipped`), or in this one (`block`). */
interface Touched {
  action: 'created' | 'updated' | 'skipped' | 'block';
  before: Record<string, unknown> | null;
}

async function leadsTouchedBy(ctx: Ctx, importId: string, leadIds: string[]): Promise<Map<string, Touched>> {
  if (leadIds.length === 0) return new Map();
  const rows = await queryRows<{ lead_id: string; action: Touched['action']; before: Record<string, unknown> | null }>(
    ctx.db,
    sql`select lead_id, action, before from import_changes
         where import_id = ${importId}::uuid and workspace_id = ${requireWorkspaceId(ctx)}::uuid and lead_id = any(${pgArray(leadIds)}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.lead_id, { action: r.action, before: r.before }]));
}

/**
 * A later row for a lead an earlier block created or updated (`duplicatesInFile` merge / last).
 * A lead the import created takes the row as `last` overwrites or `merge` fills; a lead that
 * existed before the import is never overwritten beyond what `dedupe: update` allows.
 */
function laterRowUpdate(lead: LeadRow, row: PreparedImportRow, imp: ImportRef, action: 'created' | 'updated', now: Date) {
  const mode = imp.options.duplicatesInFile;
  if (mode === 'first') return null;
  const overwrite = mode === 'last' && (action === 'created' || imp.options.dedupe === 'update');
  return updateFor(lead, row.patch, { ...imp, options: { ...imp.options, dedupe: overwrite ? 'update' : 'merge' } }, now);
}

/** The undo records of leads changed again: the oldest `before` of each column kept, `after` moved to this write. */
async function restampChanges(ctx: Ctx, importId: string, rows: { lead_id: string; before: Record<string, unknown> | null; after: { updatedAt: string } }[]) {
  await ctx.db.execute(
    sql`update import_changes c set before = coalesce(v.before, c.before), after = v.after
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(lead_id uuid, before jsonb, after jsonb)
         where c.import_id = ${importId}::uuid and c.workspace_id = ${requireWorkspaceId(ctx)}::uuid and c.lead_id = v.lead_id`,
  );
}

/**
 * The undo records (`created`) and 'imported' timeline entries of the leads a block created,
 * written by the database from arrays of ids (`INSERT … SELECT … FROM unnest`) rather than as
 * COPY lines built here: the Node process is an import's bottleneck on PostgreSQL, and these
 * were two lines of 7 and 9 cells (the field list as JSON) per created lead. Rows of a file
 * mostly set the same fields, so the field lists go once each, rows pointing at theirs.
 */
class CreatedLeads {
  private ids: string[] = [];
  private rowNumbers: number[] = [];
  private fieldSetOf: number[] = [];
  private fieldSets: string[][] = [];
  private fieldSetIndex = new Map<string, number>();

  add(id: string, rowNumber: number, fields: string[]) {
    const key = fields.join(',');
    let k = this.fieldSetIndex.get(key);
    if (k === undefined) {
      k = this.fieldSets.push(fields) - 1;
      this.fieldSetIndex.set(key, k);
    }
    this.ids.push(id);
    this.rowNumbers.push(rowNumber);
    this.fieldSetOf.push(k);
  }

  async write(ctx: Ctx, info: { importId: string; sourceId: number; now: Date }) {
    if (this.ids.length === 0) return;
    const workspaceId = requireWorkspaceId(ctx);
    const ids = pgArray(this.ids);
    await ctx.db.execute(
      sql`insert into import_changes (import_id, lead_id, workspace_id, action, before, after, row_number)
          select ${info.importId}::uuid, c.id, ${workspaceId}::uuid, 'created', null, null, c.rn
            from unnest(${ids}::uuid[], ${pgArray(this.rowNumbers.map(String))}::int[]) as c(id, rn)`,
    );
    const actor = ctx.actor;
    await ctx.db.execute(
      sql`insert into lead_activities (workspace_id, lead_id, type, actor_type, actor_user_id, actor_api_key_id, source_id, data, created_at)
          select ${workspaceId}::uuid, c.id, 'imported', ${actor.type}, ${actor.userId ?? null}::uuid, ${actor.apiKeyId ?? null}::uuid, ${info.sourceId}::int,
                 jsonb_build_object('fields', ${JSON.stringify(this.fieldSets)}::jsonb -> c.k), ${info.now.toISOString()}::timestamptz
            from unnest(${ids}::uuid[], ${pgArray(this.fieldSetOf.map(String))}::int[]) with ordinality as c(id, k, n)
           order by c.n`,
    );
  }
}

/** A PostgreSQL array literal of strings, passed as one parameter (instead of one per value). */
function pgArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
