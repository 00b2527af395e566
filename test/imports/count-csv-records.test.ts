import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { countCsvRecords } from '../../src/adapters/files/count-csv-records.js';
import { readCsv } from '../../src/adapters/files/read-csv.js';
import { tableFileReader } from '../../src/adapters/files/table-file-reader.js';
import { writeLeadsCsv } from '../../bench/fixtures/realistic-leads.js';

// The byte count must agree with the parser (records as readCsv yields them, widest record)
// whenever it answers, and answer for ordinary files; where it is unsure it must say so.

const dir = mkdtempSync(join(tmpdir(), 'lf-count-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (content: string | Buffer) => {
  const path = join(dir, `f${++n}.csv`);
  writeFileSync(path, content);
  return path;
};

async function parsed(path: string) {
  const info = await tableFileReader.inspect(path);
  let records = 0;
  let width = 0;
  for await (const r of tableFileReader.records(path, info)) {
    records++;
    width = Math.max(width, r.cells.length);
  }
  return { info, counts: { records, width } };
}

async function fastAndParsed(path: string) {
  const { info, counts } = await parsed(path);
  const fast = await countCsvRecords(path, info.encoding!, info.delimiter!);
  return { fast, counts };
}

describe('countCsvRecords agrees with the parser', () => {
  it.each([
    ['plain LF', 'a,b,c\n1,2,3\n4,5,6\n', { records: 3, width: 3 }],
    ['CRLF, no newline at the end', 'a,b\r\n1,2\r\n3,4', { records: 3, width: 2 }],
    ['quoted delimiters and newlines', 'a,b\n"x, y","line 1\nline 2"\n"q ""quoted"" q",z\n', { records: 3, width: 2 }],
    ['CRLF inside a quoted cell of an LF file', 'a,b\n"1\r\n2",3\n', { records: 2, width: 2 }],
    ['blank lines and blank records', 'a,b\n\n1,2\n,,\n  ,\t\n"",""\n3,4\n\n', { records: 3, width: 2 }],
    ['ragged rows', 'a,b,c\n1\n1,2,3,4,5\n', { records: 3, width: 5 }],
    ['a quote inside an unquoted cell is a character', 'a,b\n5" screen,x"y\n', { records: 2, width: 2 }],
    ['UTF-8 BOM', '\uFEFFa,b\n1,2\n', { records: 2, width: 2 }],
    ['accents count as content', 'a,b\nZoë,Müller\n', { records: 2, width: 2 }],
    ['semicolons', 'a;b\n1,5;2\n', { records: 2, width: 2 }],
  ])('%s', async (_label, content, expected) => {
    const { fast, counts } = await fastAndParsed(file(content));
    expect(counts).toEqual(expected);
    expect(fast).toEqual(expected);
  });

  it('answers for a Windows-1252 file (accents as single bytes)', async () => {
    const { fast, counts } = await fastAndParsed(file(iconv.encode('name,city\nJosé,Québec\nRenée,Zürich\n', 'windows-1252')));
    expect(counts).toEqual({ records: 3, width: 2 });
    expect(fast).toEqual(counts);
  });

  it.each([
    ['a quote closed in the middle of a cell', 'a,b\n"x"y,z\n'],
    ['an unclosed quote', 'a,b\n"x,y\n1,2\n'],
    ['a lone CR', 'a,b\r1,2\r'],
    ['line endings that change', 'a,b\r\n1,2\n3,4\r\n'],
    ['a record of non-breaking spaces only', 'a,b\n\u00A0,\u00A0\n1,2\n'],
  ])('is unsure (null) about %s, and the reader still counts it', async (_label, content) => {
    const path = file(content);
    const info = await tableFileReader.inspect(path);
    expect(await countCsvRecords(path, info.encoding!, info.delimiter!)).toBeNull();
    // The reader's count falls back to the parse (or its error) for these.
    const viaReader = await tableFileReader.count(path, info).catch((e: Error) => e.message);
    const viaParse = await parsed(path).then((p) => p.counts, (e: Error) => e.message);
    expect(viaReader).toEqual(viaParse);
  });

  it('never counts UTF-16 files', async () => {
    const path = file(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('a,b\n1,2\n', 'utf-16le')]));
    const info = await tableFileReader.inspect(path);
    expect(info.encoding).toBe('utf-16le');
    expect(await countCsvRecords(path, info.encoding!, info.delimiter!)).toBeNull();
    expect(await tableFileReader.count(path, info)).toEqual({ records: 2, width: 2 });
  });

  it('agrees on every csv-spectrum case it answers for', async () => {
    const root = dirname(createRequire(import.meta.url).resolve('csv-spectrum/package.json'));
    let answered = 0;
    for (const name of readdirSync(join(root, 'csvs'))) {
      const path = join(root, 'csvs', name);
      const { fast, counts } = await fastAndParsed(path).catch(() => ({ fast: undefined, counts: undefined }));
      if (counts === undefined) continue;
      if (fast !== null) {
        answered++;
        expect(fast, name).toEqual(counts);
      }
    }
    expect(answered).toBeGreaterThanOrEqual(10);
  });

  it('agrees on 400 random files built from the awkward parts', async () => {
    // Deterministic pseudo-random cells: quotes, doubled quotes, delimiters and newlines inside
    // quotes, blanks, accents, stray quotes, NBSP, CR; LF or CRLF records.
    let seed = 42;
    const rand = (k: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % k;
    };
    const pieces = ['abc', 'Zoë', '', ' ', '"q"', '"a,b"', '"x\ny"', '"say ""hi"""', 'x"y', '\u00A0', '""', '"  "', '12', '"\r\n"', '\t'];
    let answered = 0;
    for (let f = 0; f < 400; f++) {
      const eol = rand(2) ? '\n' : '\r\n';
      const lines = Array.from({ length: 1 + rand(8) }, () => Array.from({ length: 1 + rand(4) }, () => pieces[rand(pieces.length)]!).join(','));
      const content = lines.join(eol) + (rand(2) ? eol : '');
      const path = file(content);
      const fast = await countCsvRecords(path, 'utf-8', ',');
      if (fast === null) continue;
      let counts: { records: number; width: number } | string = { records: 0, width: 0 };
      try {
        for await (const r of readCsv(path, { encoding: 'utf-8', delimiter: ',' })) {
          counts.records++;
          counts.width = Math.max(counts.width, r.cells.length);
        }
      } catch (e) {
        counts = (e as Error).message;
      }
      answered++;
      expect(fast, JSON.stringify(content)).toEqual(counts);
    }
    expect(answered).toBeGreaterThan(100);
  });

  it('answers for the benchmark file of realistic leads', async () => {
    const path = join(dir, 'realistic.csv');
    await writeLeadsCsv(path, 2_000, 0);
    const { fast, counts } = await fastAndParsed(path);
    expect(counts.records).toBe(2_001);
    expect(fast).toEqual(counts);
  });
});
