import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { ExportFormat } from './exports.tables.js';
import { jsonValue, sheetCell } from './cell-values.js';

/** Rows as the database gives them: one value per export column, in column order. */
export type ExportRow = unknown[];

/** Writes an export file as batches of rows arrive, never holding more than one batch. */
export interface ExportWriter {
  writeRows(rows: ExportRow[]): Promise<void>;
  end(): Promise<void>;
}

/** Waits for the stream to drain when its buffer is full: a slow disk or client slows the reads down. */
async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

async function endStream(out: Writable): Promise<void> {
  out.end();
  if (!out.writableFinished) await once(out, 'finish');
}

/** Excel caps a sheet at 1,048,576 rows: past a million the rows go on to another sheet. */
export const XLSX_ROWS_PER_SHEET = 1_000_000;

export const EXPORT_MIME: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

export function createExportWriter(format: ExportFormat | 'csv-lines', out: Writable, columns: string[]): ExportWriter {
  if (format === 'csv') return csvWriter(out, columns);
  if (format === 'csv-lines') return csvLinesWriter(out, columns);
  if (format === 'json') return jsonWriter(out, columns);
  return xlsxWriter(out, columns);
}

/** RFC 4180 CSV with a header row, UTF-8 with a BOM (Excel then reads accents right), CRLF line ends. */
function csvWriter(out: Writable, columns: string[]): ExportWriter {
  let started = false;
  const lines = (rows: unknown[][]) => stringify(rows, { record_delimiter: 'windows' });
  return {
    async writeRows(rows) {
      let chunk = '';
      if (!started) {
        chunk = '\ufeff' + lines([columns]);
        started = true;
      }
      chunk += lines(rows.map((r) => r.map((v, i) => sheetCell(columns[i]!, v) ?? '')));
      await write(out, chunk);
    },
    async end() {
      if (!started) await write(out, '\ufeff' + lines([columns]));
      await endStream(out);
    },
  };
}

/** CSV from lines the database already formatted (csvLineSql): rows of one value, the line. */
function csvLinesWriter(out: Writable, columns: string[]): ExportWriter {
  let started = false;
  const header = () => '\ufeff' + stringify([columns], { record_delimiter: 'windows' });
  return {
    async writeRows(rows) {
      let chunk = started ? '' : header();
      started = true;
      for (const r of rows) chunk += `${r[0] as string}\r\n`;
      await write(out, chunk);
    },
    async end() {
      if (!started) await write(out, header());
      await endStream(out);
    },
  };
}

/** A JSON array of objects keyed by column name, in column order, written incrementally. */
function jsonWriter(out: Writable, columns: string[]): ExportWriter {
  let first = true;
  return {
    async writeRows(rows) {
      let chunk = '';
      for (const r of rows) {
        const obj: Record<string, unknown> = {};
        columns.forEach((c, i) => (obj[c] = jsonValue(c, r[i])));
        chunk += (first ? '[\n' : ',\n') + JSON.stringify(obj);
        first = false;
      }
      if (chunk) await write(out, chunk);
    },
    async end() {
      await write(out, first ? '[]\n' : '\n]\n');
      await endStream(out);
    },
  };
}

/** exceljs' streaming writer: each row is committed (serialized and released) as it is added. */
function xlsxWriter(out: Writable, columns: string[]): ExportWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  let sheet: ExcelJS.Worksheet | undefined;
  let rowsInSheet = 0;
  let sheets = 0;
  const nextSheet = () => {
    sheet?.commit();
    sheets++;
    sheet = workbook.addWorksheet(sheets === 1 ? 'Leads' : `Leads ${sheets}`);
    sheet.addRow(columns).commit();
    rowsInSheet = 0;
  };
  return {
    async writeRows(rows) {
      for (const r of rows) {
        if (!sheet || rowsInSheet >= XLSX_ROWS_PER_SHEET) nextSheet();
        sheet!.addRow(r.map((v, i) => sheetCell(columns[i]!, v))).commit();
        rowsInSheet++;
      }
      // Let the zip stream flush what the committed rows produced.
      if (out.writableNeedDrain) await once(out, 'drain');
    },
    async end() {
      if (!sheet) nextSheet();
      sheet!.commit();
      await workbook.commit();
    },
  };
}
