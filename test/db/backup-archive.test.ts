import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inspectBackup } from '../../src/adapters/db/backup-archive.js';

/** A minimal ustar archive, enough for the checks inspectBackup makes. */
function tar(entries: Record<string, string>): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, content] of Object.entries(entries)) {
    const header = Buffer.alloc(512);
    header.write(name, 0, 'utf8');
    header.write('0000644\0', 100, 'latin1');
    header.write(`${Buffer.byteLength(content).toString(8).padStart(11, '0')}\0`, 124, 'latin1');
    header.write('0', 156, 'latin1');
    header.write('ustar\x0000', 257, 'latin1');
    const body = Buffer.alloc(Math.ceil(Buffer.byteLength(content) / 512) * 512);
    body.write(content, 0, 'utf8');
    blocks.push(header, body);
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

const dataDir = { '/PG_VERSION': '18\n', '/base/1/112': 'x'.repeat(3000), '/postgresql.conf': '# conf\n' };

describe('inspectBackup', () => {
  it('accepts a gzipped data directory and reports its PostgreSQL version', () => {
    expect(inspectBackup(gzipSync(tar(dataDir)), 'b.tar.gz')).toEqual({ postgresMajor: '18', files: 3 });
  });

  const valid = gzipSync(tar(dataDir));
  const flipped = Buffer.from(valid);
  flipped[Math.floor(flipped.length / 2)]! ^= 0xff;
  const cases: [string, Uint8Array, RegExp][] = [
    ['an empty file', new Uint8Array(), /not gzip-compressed/],
    ['plain text', Buffer.from('hello, this is not a backup'), /not gzip-compressed/],
    ['a gzipped text file', gzipSync('hello\n'.repeat(200)), /does not contain a tar archive/],
    ['a gzipped tiny file', gzipSync('hello\n'), /holds no PostgreSQL data directory/],
    ['a truncated gzip stream', valid.subarray(0, Math.floor(valid.length / 2)), /corrupt or truncated/],
    ['a flipped byte', flipped, /corrupt or truncated/],
    ['a tar cut inside an entry', gzipSync(tar(dataDir).subarray(0, 1024 + 512)), /truncated \(the archive ends inside \/base\/1\/112\)/],
    ['a tar of something else', gzipSync(tar({ 'notes.txt': 'hi' })), /holds no PostgreSQL data directory/],
  ];
  it.each(cases)('refuses %s with a clear message', (_what, bytes, message) => {
    expect(() => inspectBackup(bytes, 'b.tar.gz')).toThrow(message);
    try {
      inspectBackup(bytes, 'b.tar.gz');
    } catch (e) {
      expect((e as { code?: string }).code).toBe('VALIDATION');
      expect((e as Error).message).toMatch(/^b\.tar\.gz /);
    }
  });
});
