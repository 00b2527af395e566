import { analyse } from 'chardet';

export type SniffedFormat = { format: 'xlsx' } | { format: 'csv'; encoding: string; bomBytes: number } | { format: 'refused'; reason: string };

const UTF8_SEQUENCE = /[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}/;
/** Control characters text files never hold (tab, newlines, form feed and escape aside). */
const hasControlBytes = (buf: Buffer) => buf.some((b) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b);

/** Format and text encoding of a file from its first bytes. Pure. */
export function sniffFile(head: Buffer): SniffedFormat {
  if (head.length === 0) return { format: 'refused', reason: 'The file is empty' };
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return { format: 'xlsx' };
  if (head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    return { format: 'refused', reason: 'This is an old Excel (.xls) file: save it as .xlsx or CSV and upload it again' };
  }
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { format: 'csv', encoding: 'utf-8', bomBytes: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { format: 'csv', encoding: 'utf-16le', bomBytes: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { format: 'csv', encoding: 'utf-16be', bomBytes: 2 };
  const utf16 = utf16WithoutBom(head);
  if (utf16) return { format: 'csv', encoding: utf16, bomBytes: 0 };
  const text = head.toString('latin1');
  if (hasControlBytes(head.subarray(0, 4096))) {
    return { format: 'refused', reason: 'This is not a text (CSV) or Excel (.xlsx) file' };
  }
  // Valid UTF-8, or UTF-8 with stray single-byte characters (read by the mixed decoder).
  if (isValidUtf8(head) || UTF8_SEQUENCE.test(text)) return { format: 'csv', encoding: 'utf-8', bomBytes: 0 };
  const guess = analyse(head).find((m) => SINGLE_BYTE.has(m.name.toLowerCase()));
  return { format: 'csv', encoding: guess ? SINGLE_BYTE.get(guess.name.toLowerCase())! : 'windows-1252', bomBytes: 0 };
}

/** Western single-byte encodings chardet names; Latin-1 text is read as its superset windows-1252. */
const SINGLE_BYTE = new Map([
  ['iso-8859-1', 'windows-1252'],
  ['windows-1252', 'windows-1252'],
  ['iso-8859-15', 'iso-8859-15'],
  ['iso-8859-2', 'iso-8859-2'],
  ['windows-1250', 'windows-1250'],
  ['windows-1251', 'windows-1251'],
  ['koi8-r', 'koi8-r'],
]);

function utf16WithoutBom(head: Buffer): string | null {
  const n = Math.min(head.length & ~1, 512);
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZeros++;
    if (head[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Valid UTF-8, allowing a sequence cut at the end of the sample. */
export function isValidUtf8(buf: Buffer): boolean {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    const len = b < 0x80 ? 1 : (b & 0xe0) === 0xc0 ? 2 : (b & 0xf0) === 0xe0 ? 3 : (b & 0xf8) === 0xf0 ? 4 : 0;
    if (len === 0 || (len === 2 && b < 0xc2)) return false;
    for (let k = 1; k < len; k++) {
      if (i + k >= buf.length) return true;
      if ((buf[i + k]! & 0xc0) !== 0x80) return false;
    }
    i += len;
  }
  return true;
}
