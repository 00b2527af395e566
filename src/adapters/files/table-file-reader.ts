import { open } from 'node:fs/promises';
import { validationError } from '../../core/errors.js';
import type { TableFileInfo, TableFileReader, TableRecord } from '../../domains/imports/index.js';
import { countCsvRecords } from './count-csv-records.js';
import { detectDelimiter } from './detect-delimiter.js';
import { readCsv } from './read-csv.js';
import { listSheets, readXlsx } from './read-xlsx.js';
import { sniffFile } from './sniff-file.js';
import iconv from 'iconv-lite';

const SAMPLE_BYTES = 64 * 1024;

async function readHead(path: string, bytes = SAMPLE_BYTES): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Reads CSV (any delimiter, UTF-8/UTF-16/single-byte encodings) and XLSX files as streams of records. */
export const tableFileReader: TableFileReader = {
  async inspect(path, options = {}) {
    const head = await readHead(path);
    const sniffed = sniffFile(head);
    if (sniffed.format === 'refused') throw validationError(sniffed.reason);
    if (sniffed.format === 'xlsx') {
      const sheets = await listSheets(path);
      if (sheets.length === 0) throw validationError('This workbook has no sheets');
      const sheet = options.sheet ?? sheets[0]!;
      if (!sheets.includes(sheet)) throw validationError(`No sheet named "${sheet}"`, { sheets });
      return { format: 'xlsx', sheets, sheet };
    }
    const sample = iconv.decode(head.subarray(sniffed.bomBytes), sniffed.encoding);
    return { format: 'csv', encoding: sniffed.encoding, delimiter: detectDelimiter(sample) };
  },

  records(path, info: TableFileInfo, signal): AsyncIterable<TableRecord> {
    if (info.format === 'xlsx') return readXlsx(path, info.sheet!, signal);
    return readCsv(path, { encoding: info.encoding ?? 'utf-8', delimiter: info.delimiter ?? ',', signal });
  },

  async count(path, info) {
    // A byte scan where it is exact (most CSV files); the full parse otherwise, which also
    // raises the exact error of a file it cannot read.
    if (info.format === 'csv') {
      const fast = await countCsvRecords(path, info.encoding ?? 'utf-8', info.delimiter ?? ',');
      if (fast) return fast;
    }
    let records = 0;
    let width = 0;
    for await (const record of this.records(path, info)) {
      records++;
      width = Math.max(width, record.cells.length);
    }
    return { records, width };
  },
};
