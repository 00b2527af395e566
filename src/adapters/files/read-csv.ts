import { createReadStream } from 'node:fs';
import { parse, CsvError } from 'csv-parse';
import iconv from 'iconv-lite';
import { validationError } from '../../core/errors.js';
import { mixedUtf8Decoder } from './mixed-utf8-decoder.js';
import { FILE_LIMITS, type TableRecord } from '../../domains/imports/index.js';

/** Streams the records of a CSV file, decoded to UTF-8, with their line numbers. */
export async function* readCsv(
  path: string,
  options: { encoding: string; delimiter: string; signal?: AbortSignal },
): AsyncIterable<TableRecord> {
  const source = createReadStream(path, { highWaterMark: 256 * 1024 });
  const parser = parse({
    delimiter: options.delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: FILE_LIMITS.maxRecordBytes,
    info: true,
  });
  const decoded = source.pipe(options.encoding === 'utf-8' ? mixedUtf8Decoder() : iconv.decodeStream(options.encoding));
  source.on('error', (e) => parser.destroy(e));
  decoded.on('error', (e) => parser.destroy(e));
  decoded.pipe(parser);
  // csv-parse counts a CRLF inside a quoted cell as two lines; take the extra ones back out.
  let extraLines = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (options.signal?.aborted) return;
      if (record.length > FILE_LIMITS.maxColumns) {
        throw validationError(`Line ${info.lines} has ${record.length} columns; at most ${FILE_LIMITS.maxColumns} are supported`);
      }
      for (const cell of record) extraLines += countCrlf(cell);
      if (record.every((c) => c.trim() === '')) continue;
      yield { rowNumber: info.lines - extraLines, cells: record };
    }
  } catch (e) {
    if (e instanceof CsvError) throw validationError(csvMessage(e), { code: e.code, line: (e as { lines?: number }).lines });
    throw e;
  } finally {
    source.destroy();
    parser.destroy();
  }
}

function countCrlf(cell: string): number {
  let n = 0;
  for (let at = cell.indexOf('\r\n'); at !== -1; at = cell.indexOf('\r\n', at + 2)) n++;
  return n;
}

function csvMessage(e: CsvError): string {
  const line = (e as { lines?: number }).lines;
  const where = line ? ` (line ${line})` : '';
  if (e.code === 'CSV_MAX_RECORD_SIZE') {
    return `A row is larger than ${FILE_LIMITS.maxRecordBytes / 1024 / 1024} MB${where}: the file may have an unclosed quote`;
  }
  if (e.code === 'CSV_QUOTE_NOT_CLOSED') return `A quoted field is never closed${where}`;
  return `The CSV file cannot be read${where}: ${e.message}`;
}
