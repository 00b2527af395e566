// Public surface of the exports domain: lead exports (CSV, XLSX, JSON) as jobs or streams.
export * from './exports.tables.js';
export { EXPORT_FORMATS, MAX_SELECTION, startExportSchema, type StartExportInput } from './export-input.js';
export { EXPORT_COLUMNS, resolveColumns } from './export-columns.js';
export { neutralizeFormula } from './cell-values.js';
export { createExportWriter, EXPORT_MIME, XLSX_ROWS_PER_SHEET, type ExportWriter } from './export-writers.js';
export { exportViewSchema, exportPageSchema, toExportView, type ExportView } from './export-view.js';
export { exportLeadsKind, EXPORT_JOB_KIND } from './export-kind.js';
export { leadBatches, EXPORT_BATCH_ROWS } from './lead-batches.js';
export { writeLeadExport, PER_LEAD_ACTIVITY_LIMIT } from './write-lead-export.js';
export { startExport } from './start-export.js';
export { streamExport } from './stream-export.js';
export { countScopeUpTo } from './lead-batches.js';
export { getExport, listExports, listExportsSchema, openExportDownload } from './get-export.js';
