import { parse } from 'csv-parse/sync';
import { isEmailHeader, pickEmailColumn } from './email-column.js';
import type { VerifyResult } from './types.js';

/**
 * Addresses of a --file or pasted text: one per line (a first line such as "email" is a header
 * and skipped), or a CSV (`,` `;` or tab) with an email column (see pickEmailColumn; `column`
 * names it). Blank lines are skipped.
 */
export function readAddressFile(text: string, column?: string): string[] {
  const content = text.replace(/^\uFEFF/, '');
  const firstLine = content.split(/\r?\n/, 1)[0] ?? '';
  if (!/[,;\t]/.test(firstLine)) {
    const lines = content.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    return lines.length > 0 && isEmailHeader(lines[0]!) ? lines.slice(1) : lines;
  }
  const delimiter = [',', ';', '\t'].find((d) => firstLine.includes(d))!;
  const rows = parse(content, { delimiter, relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  const picked = pickEmailColumn(rows.slice(0, 50), column);
  return rows.slice(picked.hasHeader ? 1 : 0).map((r) => (r[picked.index] ?? '').trim()).filter(Boolean);
}

export const jsonlLine = (input: string, r: VerifyResult) => JSON.stringify({ input, ...r });

export const CSV_COLUMNS = ['input', 'email', 'status', 'reason', 'score', 'suggestion', 'smtp', 'catch_all', 'disposable', 'role', 'free', 'gibberish', 'provider', 'mx'];
export const csvHeader = () => CSV_COLUMNS.join(',');

/** The export cells of a result, in CSV_COLUMNS order (not defused). */
export function resultCells(input: string, r: VerifyResult): Array<string | number> {
  const c = r.checks;
  return [input, r.email, r.status, r.reason, r.score, r.suggestion ?? '', c.smtp, String(c.catchAll ?? ''), String(c.disposable), String(c.role), String(c.free), String(c.gibberish), c.provider ?? '', c.mx.map((m) => `${m.priority} ${m.exchange}`).join(' | ')];
}

export const csvLine = (input: string, r: VerifyResult): string => resultCells(input, r).map((v) => csvCell(String(v))).join(',');

/** A leading quote on values a spreadsheet would run as a formula (= + - @, tab, CR). */
export const defuseFormula = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/** RFC 4180 quoting of a defused cell. */
function csvCell(v: string): string {
  const safe = defuseFormula(v);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
