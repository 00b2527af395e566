import { createReadStream } from 'node:fs';
import { FILE_LIMITS } from '../../domains/imports/index.js';

/** Encodings in which the delimiter, the quote, CR and LF are single ASCII bytes that no other character contains. */
const ASCII_COMPATIBLE = /^(utf-8|windows-125\d|iso-8859-\d+|koi8-r)$/;

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
/** Bytes JavaScript's trim() removes that are ASCII: tab, LF, VT, FF, CR, space. */
const isAsciiSpace = (b: number) => b === 0x20 || (b >= 0x09 && b <= 0x0d);

/** Nothing the fast count is sure of: the caller counts with the full parser instead. */
class NotSure extends Error {}

/**
 * Counts the records of a CSV file as `readCsv` would yield them (csv-parse with relax_quotes,
 * relax_column_count and skip_empty_lines, then without the records whose cells are all blank),
 * and their widest record, in one pass over the bytes: ~20× cheaper than parsing the file,
 * which an import did twice (its row count, then the job).
 *
 * Only for what it can count exactly: it gives up (null) on anything where csv-parse's
 * behaviour is subtle — a quote closed in the middle of a cell, a lone CR, record delimiters
 * that change within the file, an unclosed quote, a record of only non-ASCII blanks, more
 * columns or bytes than the limits — and the caller then parses the file, which also gives
 * the exact error for the hostile ones. UTF-16 files and other encodings are never counted here.
 */
export async function countCsvRecords(path: string, encoding: string, delimiter: string): Promise<{ records: number; width: number } | null> {
  if (!ASCII_COMPATIBLE.test(encoding) || delimiter.length !== 1 || delimiter.charCodeAt(0) > 0x7f) return null;
  const counter = new RecordCounter(delimiter.charCodeAt(0), encoding === 'utf-8');
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) counter.push(chunk as Buffer);
    return counter.end();
  } catch (e) {
    if (e instanceof NotSure) return null;
    throw e;
  }
}

type RecordDelimiter = 'unknown' | 'lf' | 'crlf';

/** The byte-level state machine behind countCsvRecords. */
class RecordCounter {
  records = 0;
  width = 0;
  private skipBom: boolean;
  private inQuotes = false;
  /** Inside quotes, a quote was just read: the next byte says whether it escapes a quote or closes the cell. */
  private quotePending = false;
  /** Outside quotes, a CR was just read: it must be followed by LF. */
  private crPending = false;
  private fieldStart = true;
  private cells = 1;
  private hasContent = false;
  private hasHighBytes = false;
  private recordBytes = 0;
  private recordDelimiter: RecordDelimiter = 'unknown';
  private readonly maxRecordBytes = FILE_LIMITS.maxRecordBytes / 4;

  constructor(
    private readonly delimiter: number,
    utf8: boolean,
  ) {
    this.skipBom = utf8;
  }

  push(buf: Buffer) {
    let i = 0;
    // Only the first chunk may start with the BOM.
    if (this.skipBom) {
      if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i = 3;
      this.skipBom = false;
    }
    this.recordBytes += buf.length;
    for (; i < buf.length; i++) this.byte(buf[i]!);
    if (this.recordBytes > this.maxRecordBytes) throw new NotSure();
  }

  end(): { records: number; width: number } {
    if (this.crPending) throw new NotSure();
    if (this.inQuotes && !this.quotePending) throw new NotSure();
    this.inQuotes = false;
    this.quotePending = false;
    if (!this.fieldStart || this.cells > 1 || this.hasContent || this.hasHighBytes) this.endRecord();
    return { records: this.records, width: this.width };
  }

  private byte(b: number) {
    if (this.inQuotes) {
      if (this.quotePending) {
        this.quotePending = false;
        if (b === QUOTE) {
          this.hasContent = true;
          return;
        }
        if (b !== this.delimiter && b !== CR && b !== LF) throw new NotSure();
        this.inQuotes = false;
        // The byte after the closing quote is read as outside quotes (below).
      } else {
        if (b === QUOTE) this.quotePending = true;
        else this.content(b);
        return;
      }
    }
    if (this.crPending) {
      this.crPending = false;
      if (b !== LF) throw new NotSure();
      this.delimit('crlf');
      return;
    }
    if (b === CR) {
      this.crPending = true;
      return;
    }
    if (b === LF) {
      this.delimit('lf');
      return;
    }
    if (b === this.delimiter) {
      this.cells++;
      if (this.cells > FILE_LIMITS.maxColumns) throw new NotSure();
      this.fieldStart = true;
      return;
    }
    if (b === QUOTE && this.fieldStart) {
      this.inQuotes = true;
      this.fieldStart = false;
      return;
    }
    this.fieldStart = false;
    this.content(b);
  }

  private content(b: number) {
    if (b >= 0x80) this.hasHighBytes = true;
    else if (b === 0) throw new NotSure();
    else if (!isAsciiSpace(b)) this.hasContent = true;
  }

  private delimit(kind: 'lf' | 'crlf') {
    if (this.recordDelimiter === 'unknown') this.recordDelimiter = kind;
    else if (this.recordDelimiter !== kind) throw new NotSure();
    this.endRecord();
  }

  private endRecord() {
    // A record of blanks only is skipped; one whose only non-blank bytes are non-ASCII might be
    // made of non-breaking spaces (skipped too): only the parser can tell.
    if (this.hasContent) {
      this.records++;
      if (this.cells > this.width) this.width = this.cells;
    } else if (this.hasHighBytes) throw new NotSure();
    this.cells = 1;
    this.fieldStart = true;
    this.hasContent = false;
    this.hasHighBytes = false;
    this.recordBytes = 0;
  }
}
