import { sql, type SQL } from 'drizzle-orm';
import { validationError } from '../../core/errors.js';
import { CANONICAL_FIELDS, DEAL_FIELDS } from '../leads/index.js';

/** Read-only columns an export may add beside the canonical and pipeline fields. */
const EXTRA_COLUMNS = [
  'id', 'phone_type', 'phone_country', 'mobile_phone_type', 'mobile_phone_country', 'country_code', 'created_at', 'updated_at',
] as const;

/** Every column name an export accepts, besides `custom.<key>` of the workspace's custom fields. */
export const EXPORT_COLUMNS: readonly string[] = [...CANONICAL_FIELDS, ...DEAL_FIELDS, ...EXTRA_COLUMNS];
const KNOWN = new Set(EXPORT_COLUMNS);

/** Lead columns are named as in the API (snake_case), so a known name is its SQL column. */
export function columnSql(column: string): SQL {
  if (column.startsWith('custom.')) return sql`leads.custom -> ${column.slice(7)}`;
  return sql.raw(`leads."${column}"`);
}

/**
 * The columns of an export, in the user's order: canonical names, the extra read-only ones
 * and `custom.<key>`. Default: the canonical fields then every custom field. Unknown names
 * and repeats are a 400 naming them.
 */
export function resolveColumns(requested: string[] | undefined, customKeys: string[]): string[] {
  if (!requested || requested.length === 0) return [...CANONICAL_FIELDS, ...customKeys.map((k) => `custom.${k}`)];
  const custom = new Set(customKeys);
  const seen = new Set<string>();
  const problems: { path: string; message: string }[] = [];
  requested.forEach((c, i) => {
    if (seen.has(c)) problems.push({ path: `columns.${i}`, message: `${c} is listed twice` });
    seen.add(c);
    if (c.startsWith('custom.') ? !custom.has(c.slice(7)) : !KNOWN.has(c)) {
      problems.push({ path: `columns.${i}`, message: c.startsWith('custom.') ? `unknown custom field "${c.slice(7)}"` : `unknown column "${c}"` });
    }
  });
  if (problems.length) throw validationError(`${problems[0]!.path}: ${problems[0]!.message}`, problems);
  return requested;
}

const NUMERIC = new Set(['annual_revenue', 'deal_value', 'revenue']);
const TIMES = new Set(['closed_at', 'created_at', 'updated_at']);

/** A column as text, the way the JSON and sheet writers show it (1500.5, "a, b", ISO times). */
function textSql(column: string): SQL {
  if (column.startsWith('custom.')) return sql`(leads.custom ->> ${column.slice(7)})`;
  const col = sql.raw(`leads."${column}"`);
  if (column === 'tags') return sql`nullif(array_to_string(${col}, ', '), '')`;
  if (NUMERIC.has(column)) return sql`trim_scale(${col})::text`;
  if (TIMES.has(column)) return sql`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  return sql`${col}::text`;
}

/**
 * One CSV line per lead, built by the database: each cell neutralized (a leading = + - @ tab
 * or CR gets an apostrophe) and quoted when it holds a quote, comma or line break (RFC 4180).
 * Formatting in the server keeps a million-row export off the Node thread: parsing 26 columns
 * per row and quoting them in JavaScript took 4× longer than the query (docs/BENCHMARKS.md).
 */
export function csvLineSql(columns: string[]): SQL {
  const cells = columns.map((c) => {
    const v = textSql(c);
    const safe = sql`(case when left(${v}, 1) in ('=', '+', '-', '@', chr(9), chr(13)) then '''' || ${v} else ${v} end)`;
    return sql`coalesce(case when strpos(${safe}, '"') > 0 or strpos(${safe}, ',') > 0 or strpos(${safe}, chr(10)) > 0 or strpos(${safe}, chr(13)) > 0
                             then '"' || replace(${safe}, '"', '""') || '"' else ${safe} end, '')`;
  });
  return sql`concat_ws(',', ${sql.join(cells, sql`, `)})`;
}
