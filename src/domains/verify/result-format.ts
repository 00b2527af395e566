import { parse } from 'csv-parse/sync';
import type { VerifyResult } from './types.js';

/**
 * Addresses of a --file: one per line, or a CSV whose header has an "email" column (also
 * "e-mail", "email address", "work email"…). Blank lines are skipped.
 */
export function readAddressFile(text: string): string[] {
  const content = text.replace(/^\uFEFF/, '');
  const firstLine = content.split(/\r?\n/, 1)[0] ?? '';
  if (!/[,;\t]/.test(firstLine)) return content.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const delimiter = [',', ';', '\t'].find((d) => firstLine.includes(d))!;
  const rows = parse(content, { delimiter, relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase().replace(/[\s_-]+/g, ''));
  let column = header.findIndex((h) => h === 'email' || h === 'emailaddress');
  if (column < 0) column = header.findIndex((h) => h.includes('email'));
  if (column < 0) throw new Error('the CSV file has no email column (a header such as "email" is needed)');
  return rows.slice(1).map((r) => (r[column] ?? '').trim()).filter(Boolean);
}

export const jsonlLine = (input: string, r: VerifyResult) => JSON.stringify({ input, ...r });

const CSV_COLUMNS = ['input', 'email', 'status', 'reason', 'score', 'suggestion', 'smtp', 'catch_all', 'disposable', 'role', 'free', 'gibberish', 'provider', 'mx'];
export const csvHeader = () => CSV_COLUMNS.join(',');

export function csvLine(input: string, r: VerifyResult): string {
  const c = r.checks;
  const cells = [input, r.email, r.status, r.reason, r.score, r.suggestion ?? '', c.smtp, c.catchAll ?? '', c.disposable, c.role, c.free, c.gibberish, c.provider ?? '', c.mx.map((m) => `${m.priority} ${m.exchange}`).join(' | ')];
  return cells.map((v) => csvCell(String(v))).join(',');
}

/** RFC 4180 quoting, and a leading quote on cells a spreadsheet would run as a formula. */
function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
