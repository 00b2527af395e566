import { isDomainError } from '../../core/errors.js';
import { prepareLeadRow, type CustomFieldDef, type LeadPatch } from '../leads/index.js';
import type { ImportOptions, InFileDuplicateMode } from './import-input.js';
import { matchKeys } from './match-keys.js';
import type { PreparedImportRow } from './prepare-import-rows.js';

/**
 * Later patch combined into an earlier one: `merge` fills only what the earlier left out,
 * `last` lets the later's values win. Tags are joined, custom fields combined key by key. Pure.
 */
export function combinePatches(earlier: LeadPatch, later: LeadPatch, mode: Exclude<InFileDuplicateMode, 'first'>): LeadPatch {
  const [base, top] = mode === 'merge' ? [later, earlier] : [earlier, later];
  const out: Record<string, unknown> = { ...base, ...top };
  if (earlier.custom || later.custom) out.custom = { ...base.custom, ...top.custom };
  if (earlier.tags || later.tags) out.tags = [...new Set([...(earlier.tags ?? []), ...(later.tags ?? [])])];
  return out as LeadPatch;
}

/**
 * The rows of one block with its in-file duplicates folded into the first row sharing a key
 * (`duplicatesInFile`: `first` drops them, `merge` / `last` combine their values into that row,
 * which is then prepared again). Returns the rows to write and how many were folded. Pure.
 */
export function foldDuplicates(
  rows: PreparedImportRow[],
  options: ImportOptions,
  context: { workspaceId: string; sourceId: number; now: Date; customFields: CustomFieldDef[] },
): { rows: PreparedImportRow[]; duplicates: number } {
  const mode = options.duplicatesInFile;
  const groupOf = new Map<string, number>();
  const leaders: PreparedImportRow[] = [];
  const combined = new Map<number, LeadPatch>();
  let duplicates = 0;
  for (const row of rows) {
    const hit = row.keys.map((k) => groupOf.get(k)).find((g) => g !== undefined);
    if (hit === undefined) {
      for (const k of row.keys) groupOf.set(k, leaders.length);
      leaders.push(row);
      continue;
    }
    duplicates++;
    if (mode === 'first') continue;
    combined.set(hit, combinePatches(combined.get(hit) ?? leaders[hit]!.patch, row.patch, mode));
    for (const k of row.keys) if (!groupOf.has(k)) groupOf.set(k, hit);
  }
  for (const [index, patch] of combined) {
    const leader = leaders[index]!;
    try {
      const prepared = prepareLeadRow(patch, context);
      leaders[index] = { rowNumber: leader.rowNumber, patch, prepared, keys: matchKeys(prepared.row, options.matchOn) };
    } catch (e) {
      if (!isDomainError(e)) throw e; // combined values over a limit: the first row as it was
    }
  }
  return { rows: leaders, duplicates };
}
