import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/core/config.js';

const base = { LEADFORGE_SECRET: 'x'.repeat(40) };

describe('verifier settings', () => {
  it('has working defaults, and never a gmail.com MAIL FROM', () => {
    const v = loadConfig(base, { ensureSecret: false }).verify;
    expect(v).toMatchObject({ dnsServers: [], smtpPort: 25, smtpTimeoutMs: 10_000, greylistRetryS: 60, definiteTtlS: 30 * 86400, unknownTtlS: 86400 });
    expect(v.mailFrom).not.toMatch(/gmail\.com/);
    expect(v.socksProxy).toBeUndefined();
  });

  it('reads every setting from the environment', () => {
    const v = loadConfig(
      {
        ...base,
        LEADFORGE_DNS_SERVERS: '127.0.0.1:5353, 10.0.0.2,[::1]:53',
        LEADFORGE_SMTP_PORT: '2525',
        LEADFORGE_SMTP_TIMEOUT_MS: '1500',
        LEADFORGE_HELO_NAME: 'mx.example.org',
        LEADFORGE_MAIL_FROM: 'probe@example.org',
        LEADFORGE_GREYLIST_RETRY_S: '5',
        LEADFORGE_SOCKS_PROXY: 'socks5://user:pw@10.0.0.9:1080',
      },
      { ensureSecret: false },
    ).verify;
    expect(v).toMatchObject({
      dnsServers: ['127.0.0.1:5353', '10.0.0.2', '[::1]:53'],
      smtpPort: 2525,
      smtpTimeoutMs: 1500,
      heloName: 'mx.example.org',
      mailFrom: 'probe@example.org',
      greylistRetryS: 5,
      socksProxy: 'socks5://user:pw@10.0.0.9:1080',
    });
  });

  it.each([
    [{ LEADFORGE_SMTP_PORT: '0' }, /LEADFORGE_SMTP_PORT/],
    [{ LEADFORGE_SMTP_TIMEOUT_MS: 'soon' }, /LEADFORGE_SMTP_TIMEOUT_MS/],
    [{ LEADFORGE_SOCKS_PROXY: 'http://proxy:8080' }, /LEADFORGE_SOCKS_PROXY/],
    [{ LEADFORGE_DNS_SERVERS: '1.1.1.1,not a host' }, /LEADFORGE_DNS_SERVERS/],
  ])('refuses %j naming the setting', (env, message) => {
    expect(() => loadConfig({ ...base, ...env }, { ensureSecret: false })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...env }, { ensureSecret: false })).toThrow(message);
  });
});
