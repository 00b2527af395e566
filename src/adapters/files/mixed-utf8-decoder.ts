import { isUtf8 } from 'node:buffer';
import { Transform } from 'node:stream';
import iconv from 'iconv-lite';

/**
 * Decodes UTF-8 text in which some bytes are not UTF-8 (a file pasted together from a UTF-8
 * export and a Windows-1252 one): valid sequences are read as UTF-8, stray bytes as
 * Windows-1252, so "Müller" stays "Müller" whichever way it was saved. Chunks that are valid
 * UTF-8 (nearly all) take the native path.
 */
export function mixedUtf8Decoder(): Transform {
  let carry = Buffer.alloc(0);
  return new Transform({
    decodeStrings: true,
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, done) {
      const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const cut = completeLength(buf);
      carry = Buffer.from(buf.subarray(cut));
      done(null, decodeMixed(buf.subarray(0, cut)));
    },
    flush(done) {
      done(null, carry.length ? decodeMixed(carry) : undefined);
    },
  });
}

/** Length of the prefix that does not end inside a multi-byte sequence. */
function completeLength(buf: Buffer): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? buf.length - back : buf.length;
  }
  return buf.length;
}

export function decodeMixed(buf: Buffer): string {
  if (isUtf8(buf)) return buf.toString('utf8');
  let out = '';
  let start = 0;
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len > 0 && i + len <= buf.length && isUtf8(buf.subarray(i, i + len))) {
      i += len;
      continue;
    }
    out += buf.toString('utf8', start, i) + iconv.decode(buf.subarray(i, i + 1), 'windows-1252');
    i += 1;
    start = i;
  }
  return out + buf.toString('utf8', start, buf.length);
}
