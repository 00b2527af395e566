// Public surface of the imports domain: other domains and adapters import only from here.
export * from './imports.tables.js';
export { headerKey, customKey } from './header-key.js';
export { matchHeader } from './header-match.js';
export { suggestMapping, type ColumnSuggestion } from './map-columns.js';
export { hasHeaderRow, generatedHeaders } from './detect-header.js';
export { valueKinds, type ValueKind } from './value-kinds.js';
export { FILE_LIMITS, type TableFileInfo, type TableFileReader, type TableRecord } from './table-file.js';
export { previewFile, type FilePreview } from './preview-file.js';
export {
  mappingSchema,
  importOptionsSchema,
  startImportSchema,
  DEDUPE_MODES,
  MATCH_KEYS,
  IN_FILE_DUPLICATE_MODES,
  type ImportMapping,
  type ImportOptions,
  type StartImportInput,
  type DedupeMode,
  type MatchKey,
  type InFileDuplicateMode,
} from './import-input.js';
export { rowToPatch, parseAmount } from './row-to-patch.js';
export { matchKeys } from './match-keys.js';
export { importLeadsKind, IMPORT_JOB_KIND, ROWS_PER_ITEM, ROWS_PER_BIG_ITEM, BIG_FILE_ROWS, rowsPerItem } from './import-kind.js';
export type { UploadStore, StoredUpload, StoredUploadEntry, ImportDeps } from './upload-store.js';
export { sweepUploads, UPLOAD_TTL_MS } from './sweep-uploads.js';
export type { CopyRows } from './bulk-copy.js';
export { rememberMapping, recallMapping, columnsSignature } from './remember-mapping.js';
export { startImport } from './start-import.js';
export { getImport, type ImportView } from './get-import.js';
export { listImports, listImportsSchema } from './list-imports.js';
export { importErrorsCsv, csvCell } from './import-errors-csv.js';
export { previewUpload, type UploadPreview } from './preview-upload.js';
export { pickWorkspace } from './pick-workspace.js';
export { parseCliMapping } from './parse-cli-mapping.js';
export { undoImport, type UndoReport } from './undo-import.js';
