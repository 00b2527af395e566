import { isDomainError } from '../../core/errors.js';
import { prepareLeadRow, type CustomFieldDef, type LeadPatch, type PreparedLeadRow } from '../leads/index.js';
import type { ImportMapping, ImportOptions } from './import-input.js';
import { matchKeys } from './match-keys.js';
import { rowToPatch, type RowProblem } from './row-to-patch.js';
import type { TableRecord } from './table-file.js';

export interface PreparedImportRow {
  rowNumber: number;
  patch: LeadPatch;
  prepared: PreparedLeadRow;
  keys: string[];
}

export interface RowError extends RowProblem {
  rowNumber: number;
}

/** File records → validated, normalized lead rows and the errors of the others. Pure. */
export function prepareImportRows(
  records: TableRecord[],
  context: { mapping: ImportMapping; options: ImportOptions; workspaceId: string; sourceId: number; now: Date; customFields: CustomFieldDef[] },
): { rows: PreparedImportRow[]; errors: RowError[] } {
  const rows: PreparedImportRow[] = [];
  const errors: RowError[] = [];
  for (const record of records) {
    const { patch, problems } = rowToPatch(record.cells, context.mapping, context.options.tags);
    if (!patch) {
      errors.push(...problems.map((p) => ({ ...p, rowNumber: record.rowNumber })));
      continue;
    }
    try {
      const prepared = prepareLeadRow(patch, context);
      rows.push({ rowNumber: record.rowNumber, patch, prepared, keys: matchKeys(prepared.row, context.options.matchOn) });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      errors.push({ rowNumber: record.rowNumber, column: null, value: null, problem: e.message });
    }
  }
  return { rows, errors };
}
