import { afterEach, describe, expect, it } from 'vitest';
import { smtpProber } from '../../src/adapters/smtp-probe/prober.js';
import type { DnsResolver } from '../../src/domains/verify/index.js';
import { startScriptedSmtp, type Script } from '../mailworld/scripted-smtp.js';

const dns: DnsResolver = { resolveMx: async () => [], resolveAddresses: async () => ['127.0.0.30'] };
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function probeWith(script: Script, recipients: string[], settings: { maxRecipientsPerConnection?: number } = {}) {
  const server = await startScriptedSmtp('127.0.0.30', script);
  closers.push(server.close);
  const prober = smtpProber(dns, {
    port: server.port,
    timeoutMs: 500,
    heloName: 'probe.example.org',
    mailFrom: 'probe@example.org',
    maxConnectionsPerHost: 2,
    maxRecipientsPerConnection: settings.maxRecipientsPerConnection ?? 20,
  });
  const answers = await prober.probe({ domain: 'scripted.test', hosts: ['mx.scripted.test'], recipients });
  // The goodbye (RSET, QUIT) goes on in the background; close() waits for it.
  await prober.close!();
  return { answers, commands: server.commands };
}

/** A plain server: multi-line greeting and EHLO, RCPT answers from `rcpt`. */
const plain =
  (rcpt: (line: string, n: number) => string | null): Script =>
  (line, state) => {
    if (line === null) return '220-mx.scripted.test ESMTP\r\n220-multi-line greeting\r\n220 ready';
    if (/^EHLO/i.test(line)) return '250-mx.scripted.test\r\n250-PIPELINING\r\n250 8BITMIME';
    if (/^MAIL FROM/i.test(line)) return '250 2.1.0 Ok';
    if (/^RCPT TO/i.test(line)) return rcpt(line, state.rcpts);
    if (/^RSET/i.test(line)) return '250 Ok';
    if (/^QUIT/i.test(line)) return '221 Bye';
    return '502 5.5.2 Error: command not recognized';
  };

describe('smtpProber against scripted servers', () => {
  it('reads multi-line replies, never sends DATA, and ends with RSET and QUIT', async () => {
    const { answers, commands } = await probeWith(plain(() => '250 2.1.5 Ok'), ['a@scripted.test']);
    expect(answers).toEqual([{ kind: 'reply', stage: 'rcpt', code: 250, text: '2.1.5 Ok' }]);
    expect(commands).toEqual(['EHLO probe.example.org', 'MAIL FROM:<probe@example.org>', 'RCPT TO:<a@scripted.test>', 'RSET', 'QUIT']);
  });

  it('falls back to HELO when EHLO is refused', async () => {
    const script: Script = (line, state) => (line && /^EHLO/i.test(line) ? '500 unrecognized' : line && /^HELO/i.test(line) ? '250 hi' : plain(() => '250 Ok')(line, state));
    const { answers, commands } = await probeWith(script, ['a@scripted.test']);
    expect(answers[0]).toMatchObject({ stage: 'rcpt', code: 250 });
    expect(commands.slice(0, 2)).toEqual(['EHLO probe.example.org', 'HELO probe.example.org']);
  });

  it('reports a MAIL FROM refusal for every recipient (a verdict about us, not them)', async () => {
    const script: Script = (line, state) => (line && /^MAIL/i.test(line) ? '550 5.7.1 Sender address rejected: blocked' : plain(() => '250 Ok')(line, state));
    const { answers } = await probeWith(script, ['a@scripted.test', 'b@scripted.test']);
    expect(answers).toEqual([
      { kind: 'reply', stage: 'mail', code: 550, text: '5.7.1 Sender address rejected: blocked' },
      { kind: 'reply', stage: 'mail', code: 550, text: '5.7.1 Sender address rejected: blocked' },
    ]);
  });

  it('reconnects for the rest when the server hangs up mid-transaction', async () => {
    // The first connection hangs up at its second RCPT; the next ones answer normally.
    const script: Script = (line, state) => plain((_l, n) => (state.connection === 1 && n === 2 ? null : '250 Ok'))(line, state);
    const { answers } = await probeWith(script, ['a@scripted.test', 'b@scripted.test', 'c@scripted.test']);
    expect(answers[0]).toMatchObject({ kind: 'reply', code: 250 });
    expect(answers[1]).toMatchObject({ kind: 'unreachable' });
    expect(answers[2]).toMatchObject({ kind: 'reply', code: 250 });
  });

  it('keeps to the recipients-per-connection setting', async () => {
    const { answers, commands } = await probeWith(plain(() => '250 Ok'), ['a', 'b', 'c', 'd', 'e'].map((l) => `${l}@scripted.test`), { maxRecipientsPerConnection: 2 });
    expect(answers.every((a) => a.kind === 'reply' && a.code === 250)).toBe(true);
    expect(commands.filter((c) => c.startsWith('EHLO'))).toHaveLength(3);
  });

  it('tries the next address of a host whose first address refuses', async () => {
    const server = await startScriptedSmtp('127.0.0.30', plain(() => '250 Ok'));
    closers.push(server.close);
    const twoAddresses: DnsResolver = { resolveMx: async () => [], resolveAddresses: async () => ['127.0.0.31', '127.0.0.30'] };
    const prober = smtpProber(twoAddresses, { port: server.port, timeoutMs: 500, heloName: 'h', mailFrom: 'p@example.org', maxConnectionsPerHost: 1, maxRecipientsPerConnection: 5 });
    expect(await prober.probe({ domain: 'scripted.test', hosts: ['mx.scripted.test'], recipients: ['a@scripted.test'] })).toEqual([
      { kind: 'reply', stage: 'rcpt', code: 250, text: 'Ok' },
    ]);
  });

  it('asks again in plain text when the STARTTLS handshake fails', async () => {
    const script: Script = (line, state) => {
      if (line && /^EHLO/i.test(line)) return '250-mx.scripted.test\r\n250 STARTTLS';
      if (line && /^STARTTLS/i.test(line)) return '220 go ahead';
      // After 220 the client speaks TLS; this server never answers the handshake.
      if (line !== null && state.connection === 1 && !/^[A-Z]{4}/.test(line)) return '';
      return plain(() => '250 Ok')(line, state);
    };
    const { answers, commands } = await probeWith(script, ['a@scripted.test']);
    expect(answers).toEqual([{ kind: 'reply', stage: 'rcpt', code: 250, text: 'Ok' }]);
    expect(commands.filter((c) => c === 'STARTTLS')).toHaveLength(1);
  });

  it('answers unreachable when the server says nothing (timeout on the greeting)', async () => {
    const { answers } = await probeWith((line) => (line === null ? '' : null), ['a@scripted.test']);
    expect(answers[0]).toMatchObject({ kind: 'unreachable' });
    expect((answers[0] as { detail: string }).detail).toMatch(/no reply within 500 ms/);
  });

  it('keepAlive: the next probe of the host reuses the open connection and its mail transaction, up to the recipients cap', async () => {
    const server = await startScriptedSmtp('127.0.0.30', plain(() => '250 Ok'));
    closers.push(server.close);
    const prober = smtpProber(dns, { port: server.port, timeoutMs: 500, heloName: 'h', mailFrom: 'p@example.org', maxConnectionsPerHost: 1, maxRecipientsPerConnection: 3 });
    const ask = (locals: string[]) => prober.probe({ domain: 'scripted.test', hosts: ['mx.scripted.test'], recipients: locals.map((l) => `${l}@scripted.test`), keepAlive: true });
    await ask(['a']);
    await ask(['b']);
    // One connection so far: EHLO and MAIL FROM once, the second probe's RCPT at once, no QUIT yet.
    expect(server.commands).toEqual(['EHLO h', 'MAIL FROM:<p@example.org>', 'RCPT TO:<a@scripted.test>', 'RCPT TO:<b@scripted.test>']);
    expect(prober.limiter.activeFor('mx.scripted.test')).toBe(1);
    // The third recipient fills the connection (cap 3): it ends (RSET, QUIT), and the next probe opens a new one.
    await ask(['c', 'd']);
    expect(server.commands.filter((c) => c.startsWith('EHLO'))).toHaveLength(2);
    await prober.close!();
    expect(server.commands.slice(4, 6)).toEqual(['RCPT TO:<c@scripted.test>', 'RSET']);
    expect(server.commands.filter((c) => c === 'QUIT')).toHaveLength(2);
    expect(prober.limiter.activeFor('mx.scripted.test')).toBe(0);
    expect(server.commands).not.toContain('DATA');
  });

  it('keepAlive: an idle connection goes at once to a probe waiting for the host, which uses it', async () => {
    const server = await startScriptedSmtp('127.0.0.30', plain(() => '250 Ok'));
    closers.push(server.close);
    const prober = smtpProber(dns, { port: server.port, timeoutMs: 500, heloName: 'h', mailFrom: 'p@example.org', maxConnectionsPerHost: 1, maxRecipientsPerConnection: 10 });
    await prober.probe({ domain: 'scripted.test', hosts: ['mx.scripted.test'], recipients: ['a@scripted.test'], keepAlive: true });
    const started = Date.now();
    // A probe without keepAlive must not wait for the idle connection to time out: it takes the
    // idle connection over (no new greeting, EHLO or MAIL FROM), then ends it.
    const answers = await prober.probe({ domain: 'scripted.test', hosts: ['mx.scripted.test'], recipients: ['b@scripted.test'] });
    expect(answers[0]).toMatchObject({ code: 250 });
    expect(Date.now() - started).toBeLessThan(2_000);
    await prober.close!();
    expect(server.commands).toEqual(['EHLO h', 'MAIL FROM:<p@example.org>', 'RCPT TO:<a@scripted.test>', 'RCPT TO:<b@scripted.test>', 'RSET', 'QUIT']);
    expect(prober.limiter.activeFor('mx.scripted.test')).toBe(0);
  });

  it('keepAlive: a kept connection the server closed while idle costs no answer: its address goes to a new connection', async () => {
    // The first connection answers 421 (closing) to anything after its first recipient.
    const script: Script = (line, state) => plain((_l, n) => (state.connection === 1 && n >= 2 ? '421 4.4.2 idle timeout, closing' : '250 Ok'))(line, state);
    const server = await startScriptedSmtp('127.0.0.30', script);
    closers.push(server.close);
    const prober = smtpProber(dns, { port: server.port, timeoutMs: 500, heloName: 'h', mailFrom: 'p@example.org', maxConnectionsPerHost: 1, maxRecipientsPerConnection: 10 });
    const ask = (locals: string[]) => prober.probe({ domain: 'scripted.test', hosts: ['mx.scripted.test'], recipients: locals.map((l) => `${l}@scripted.test`), keepAlive: true });
    expect(await ask(['a'])).toEqual([{ kind: 'reply', stage: 'rcpt', code: 250, text: 'Ok' }]);
    expect(await ask(['b', 'c'])).toEqual([
      { kind: 'reply', stage: 'rcpt', code: 250, text: 'Ok' },
      { kind: 'reply', stage: 'rcpt', code: 250, text: 'Ok' },
    ]);
    await prober.close!();
    expect(server.commands.filter((c) => c.startsWith('EHLO'))).toHaveLength(2);
  });

  it('keepAlive: a probe waiting for the host gets the connection as it is (no new greeting, EHLO or MAIL FROM)', async () => {
    const server = await startScriptedSmtp('127.0.0.30', plain(() => '250 Ok'));
    closers.push(server.close);
    const prober = smtpProber(dns, { port: server.port, timeoutMs: 500, heloName: 'h', mailFrom: 'p@example.org', maxConnectionsPerHost: 1, maxRecipientsPerConnection: 3 });
    const ask = (locals: string[]) => prober.probe({ domain: 'scripted.test', hosts: ['mx.scripted.test'], recipients: locals.map((l) => `${l}@scripted.test`), keepAlive: true });
    // Two bulk chunks probing the same host at once, one connection allowed.
    const [first, second] = await Promise.all([ask(['a']), ask(['b', 'c'])]);
    expect([...first, ...second].map((a) => a.kind === 'reply' && a.code)).toEqual([250, 250, 250]);
    // Three recipients filled the connection: it ends, and the next probe opens a new one.
    await ask(['d']);
    await prober.close!();
    expect(server.commands.slice(0, 7)).toEqual(['EHLO h', 'MAIL FROM:<p@example.org>', 'RCPT TO:<a@scripted.test>', 'RCPT TO:<b@scripted.test>', 'RCPT TO:<c@scripted.test>', 'RSET', 'QUIT']);
    expect(server.commands.filter((c) => c.startsWith('EHLO'))).toHaveLength(2);
    expect(prober.limiter.activeFor('mx.scripted.test')).toBe(0);
    expect(server.commands).not.toContain('DATA');
  });
});
