// Public surface of the imports domain: other domains and adapters import only from here.
export { headerKey, customKey } from './header-key.js';
export { matchHeader } from './header-match.js';
export { suggestMapping, type ColumnSuggestion } from './map-columns.js';
export { hasHeaderRow, generatedHeaders } from './detect-header.js';
export { valueKinds, type ValueKind } from './value-kinds.js';
export { FILE_LIMITS, type TableFileInfo, type TableFileReader, type TableRecord } from './table-file.js';
export { previewFile, type FilePreview } from './preview-file.js';
