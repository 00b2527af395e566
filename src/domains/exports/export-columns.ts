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

/** The export's columns as text cells `v0`, `v1`… of a page query (see csvLinesSql). */
export function csvCellsSql(columns: string[]): SQL {
  return sql.join(columns.map((c, i) => sql`${textSql(c)} as ${sql.raw(`v${i}`)}`), sql`, `);
}

/**
 * One CSV line per lead, built by the database around a page query that selects the cells
 * `v0…v{width-1}` (csvCellsSql), `_id`, `_k` and the columns named in `orderBy`: each cell
 * neutralized (a leading = + - @ tab or CR gets an apostrophe) and quoted when it holds a
 * quote, comma or line break (RFC 4180). Formatting in the server keeps a million-row export
 * off the Node thread: parsing 26 columns per row and quoting them in JavaScript took 4× longer
 * than the query (docs/BENCHMARKS.md).
 *
 * Each step is its own subquery level (`offset 0` keeps PostgreSQL from merging them): the
 * quoting tests a cell five times, and written as one expression the cell's cast and the
 * neutralizing were evaluated again for every test (24 µs per row of 26 columns, 6 µs now).
 */
export function csvLinesSql(page: SQL, width: number, orderBy: string[]): SQL {
  const cols = Array.from({ length: width }, (_, i) => i);
  // The page's order, repeated at each level: a subquery keeps its rows' order only if it asks for it (no Sort is added, the plan sees the rows come sorted).
  const by = (alias: string) => sql.raw(orderBy.map((c) => `${alias}.${c}`).join(', '));
  const safe = cols.map((i) => {
    const v = sql.raw(`a.v${i}`);
    // ascii(): code of the first character (= + - @ tab CR).
    return sql`case when ascii(${v}) in (61, 43, 45, 64, 9, 13) then '''' || ${v} else ${v} end as ${sql.raw(`s${i}`)}`;
  });
  const cells = cols.map((i) => {
    const s = sql.raw(`b.s${i}`);
    return sql`coalesce(case when strpos(${s}, '"') > 0 or strpos(${s}, ',') > 0 or strpos(${s}, chr(10)) > 0 or strpos(${s}, chr(13)) > 0
                             then '"' || replace(${s}, '"', '""') || '"' else ${s} end, '')`;
  });
  return sql`select concat_ws(',', ${sql.join(cells, sql`, `)}) as c0, b._id, b._k
               from (select ${sql.join(safe, sql`, `)}, a.* from (${page}) a order by ${by('a')} offset 0) b
              order by ${by('b')}`;
}
