import { matchHeader } from './header-match.js';
import { valueKinds } from './value-kinds.js';

const DATA_KINDS = new Set(['email', 'linkedin', 'twitter', 'url', 'domain', 'phone']);

/**
 * Whether the first row is a header. A header names fields; it does not hold addresses, phone
 * numbers or numbers. Pure: `firstRow` is the file's first record, `nextRows` a few after it.
 */
export function hasHeaderRow(firstRow: string[], nextRows: string[][]): boolean {
  const cells = firstRow.map((c) => c.trim());
  const filled = cells.filter(Boolean);
  if (filled.length === 0) return false;
  if (filled.some((c) => valueKinds(c).some((k) => DATA_KINDS.has(k)))) return false;
  const numeric = filled.filter((c) => /^[-+]?[\d.,\s]+$/.test(c)).length;
  if (numeric * 2 >= filled.length) return false;
  if (filled.some((c) => matchHeader(c).length > 0)) return true;
  // No known names: a header still differs from the rows below where they hold data kinds.
  for (let i = 0; i < cells.length; i++) {
    const below = nextRows.map((r) => r[i] ?? '').filter((v) => v.trim());
    const dataBelow = below.filter((v) => valueKinds(v).some((k) => DATA_KINDS.has(k) || k === 'integer')).length;
    if (below.length > 0 && dataBelow / below.length >= 0.6 && cells[i]) return true;
  }
  return new Set(filled).size === filled.length && filled.length === cells.length;
}

/** Headers for a header-less file: "Column 1", "Column 2"… */
export const generatedHeaders = (count: number) => Array.from({ length: count }, (_, i) => `Column ${i + 1}`);
