import { registerJobKind } from '../../domains/jobs/index.js';
import { importLeadsKind } from '../../domains/imports/index.js';
import { copyRows } from '../db/copy-rows.js';
import { tableFileReader } from './table-file-reader.js';

/** The import job kind, reading files through the streaming reader and writing with COPY. Imported once per process. */
export const importKind = importLeadsKind(tableFileReader, copyRows);
registerJobKind(importKind);
