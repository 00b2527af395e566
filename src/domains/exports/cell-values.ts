/** Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection), tab and CR included. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text value made safe for spreadsheets: one starting with = + - @ (or a tab / CR) gets a
 * leading apostrophe, so "=HYPERLINK(…)" shows as text instead of running. "+33 6…" phones
 * become "'+33…": the price of never running a formula.
 */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A database value as a spreadsheet cell: text (neutralized), number, boolean or empty. */
export function sheetCell(column: string, value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && NUMERIC_COLUMNS.has(column)) return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return neutralizeFormula(value.join(', '));
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return neutralizeFormula(String(value));
}

/** A database value as JSON: numerics as numbers, times as ISO strings, arrays kept. Never neutralized: JSON is not opened by spreadsheets. */
export function jsonValue(column: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' && NUMERIC_COLUMNS.has(column)) return Number(value);
  return value;
}

/** numeric columns come back from the drivers as strings. */
export const NUMERIC_COLUMNS = new Set(['annual_revenue', 'deal_value', 'revenue']);
