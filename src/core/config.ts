import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/**
 * Every setting of the process, read once from the environment at start-up. Each has a
 * working default or fails with an error that names the variable.
 */
export interface Config {
  databaseUrl?: string;
  redisUrl?: string;
  dataDir: string;
  host: string;
  port: number;
  /** Public base URL used in links sent by email (reset, invites, verification). */
  publicUrl: string;
  secret: string;
  logLevel: string;
  /** SMTP server for the app's own mail (password reset, invites). Absent: links go to the log. */
  smtpUrl?: string;
  mailFrom: string;
  accessTokenTtlS: number;
  refreshTokenTtlS: number;
  maxBodyBytes: number;
  /** Trust X-Forwarded-* headers (behind a reverse proxy). */
  trustProxy: boolean;
  /** Run the job worker inside the web process (serve). */
  embeddedWorker: boolean;
  /** Email verifier (docs/VERIFY.md). */
  verify: VerifyConfig;
  /** Per-workspace request budgets per 60 s (docs/JOBS.md "Rate limits"). */
  rateLimits: { jobStartsPerMinute: number; expensivePerMinute: number };
  /** LEADFORGE_DEFAULT_MONTHLY_CREDITS, in milli-credits: allowance and opening balance of new credit accounts. */
  defaultMonthlyCreditsMilli: number;
}

export interface VerifyConfig {
  /** LEADFORGE_DNS_SERVERS: host[:port] list; empty → the system resolvers. */
  dnsServers: string[];
  smtpPort: number;
  /** Connect and every-reply timeout. */
  smtpTimeoutMs: number;
  heloName: string;
  mailFrom: string;
  greylistRetryS: number;
  /** socks5://[user:pass@]host:port, for clouds that block port 25. */
  socksProxy?: string;
  maxConnectionsPerHost: number;
  maxRecipientsPerConnection: number;
  definiteTtlS: number;
  unknownTtlS: number;
  domainTtlS: number;
}

/** Defaults of the verifier settings (tests override the slow ones). */
export const defaultVerifyConfig = (): VerifyConfig => ({
  dnsServers: [],
  smtpPort: 25,
  smtpTimeoutMs: 10_000,
  heloName: 'verifier.leadforge.invalid',
  mailFrom: 'verify@leadforge.invalid',
  greylistRetryS: 60,
  maxConnectionsPerHost: 2,
  maxRecipientsPerConnection: 20,
  definiteTtlS: 30 * 86400,
  unknownTtlS: 86400,
  domainTtlS: 86400,
});

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const intSetting = (name: string, def: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return def;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be an integer between ${min} and ${max}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const boolSetting = (def: boolean) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? def : ['1', 'true', 'yes', 'on'].includes(v.toLowerCase())));

const urlSetting = (name: string, protocols: string[]) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      try {
        const u = new URL(v);
        if (!protocols.includes(u.protocol)) throw new Error('protocol');
        return v;
      } catch {
        ctx.addIssue({ code: 'custom', message: `${name} must be a ${protocols.join(' or ')} URL, got "${redactUrl(v)}"` });
        return z.NEVER;
      }
    });

/** A number of credits (decimals up to 3 places kept), as milli-credits. */
const creditsSetting = (name: string, defCredits: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return defCredits * 1000;
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1e12) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a number of credits ≥ 0, got "${v}"` });
        return z.NEVER;
      }
      return Math.round(n * 1000);
    });

function redactUrl(v: string) {
  return v.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}

const envSchema = z.object({
  DATABASE_URL: urlSetting('DATABASE_URL', ['postgres:', 'postgresql:']),
  REDIS_URL: urlSetting('REDIS_URL', ['redis:', 'rediss:']),
  LEADFORGE_DATA_DIR: z.string().optional(),
  HOST: z.string().optional(),
  PORT: intSetting('PORT', 3000, 0, 65535),
  PUBLIC_URL: urlSetting('PUBLIC_URL', ['http:', 'https:']),
  LEADFORGE_SECRET: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  SMTP_URL: urlSetting('SMTP_URL', ['smtp:', 'smtps:']),
  LEADFORGE_APP_MAIL_FROM: z.string().optional(),
  LEADFORGE_ACCESS_TOKEN_TTL_S: intSetting('LEADFORGE_ACCESS_TOKEN_TTL_S', 900, 30, 86400),
  LEADFORGE_REFRESH_TOKEN_TTL_S: intSetting('LEADFORGE_REFRESH_TOKEN_TTL_S', 30 * 86400, 60, 365 * 86400),
  LEADFORGE_MAX_BODY_BYTES: intSetting('LEADFORGE_MAX_BODY_BYTES', 1024 * 1024, 1024, 1024 * 1024 * 1024),
  LEADFORGE_TRUST_PROXY: boolSetting(false),
  LEADFORGE_EMBEDDED_WORKER: boolSetting(true),
  LEADFORGE_DNS_SERVERS: z.string().optional(),
  LEADFORGE_SMTP_PORT: intSetting('LEADFORGE_SMTP_PORT', 25, 1, 65535),
  LEADFORGE_SMTP_TIMEOUT_MS: intSetting('LEADFORGE_SMTP_TIMEOUT_MS', 10_000, 100, 600_000),
  LEADFORGE_HELO_NAME: z.string().optional(),
  LEADFORGE_MAIL_FROM: z.string().optional(),
  LEADFORGE_GREYLIST_RETRY_S: intSetting('LEADFORGE_GREYLIST_RETRY_S', 60, 0, 3600),
  LEADFORGE_SOCKS_PROXY: urlSetting('LEADFORGE_SOCKS_PROXY', ['socks5:', 'socks:', 'socks5h:']),
  LEADFORGE_VERIFY_MAX_CONNECTIONS_PER_HOST: intSetting('LEADFORGE_VERIFY_MAX_CONNECTIONS_PER_HOST', 2, 1, 100),
  LEADFORGE_VERIFY_MAX_RECIPIENTS_PER_CONNECTION: intSetting('LEADFORGE_VERIFY_MAX_RECIPIENTS_PER_CONNECTION', 20, 1, 1000),
  LEADFORGE_VERIFY_CACHE_TTL_S: intSetting('LEADFORGE_VERIFY_CACHE_TTL_S', 30 * 86400, 0, 365 * 86400),
  LEADFORGE_VERIFY_UNKNOWN_CACHE_TTL_S: intSetting('LEADFORGE_VERIFY_UNKNOWN_CACHE_TTL_S', 86400, 0, 365 * 86400),
  LEADFORGE_VERIFY_DOMAIN_CACHE_TTL_S: intSetting('LEADFORGE_VERIFY_DOMAIN_CACHE_TTL_S', 86400, 0, 365 * 86400),
  LEADFORGE_RATE_LIMIT_JOB_STARTS: intSetting('LEADFORGE_RATE_LIMIT_JOB_STARTS', 30, 1, 1_000_000),
  LEADFORGE_RATE_LIMIT_EXPENSIVE: intSetting('LEADFORGE_RATE_LIMIT_EXPENSIVE', 120, 1, 1_000_000),
  LEADFORGE_DEFAULT_MONTHLY_CREDITS: creditsSetting('LEADFORGE_DEFAULT_MONTHLY_CREDITS', 1000),
});

/** Reads settings; generates LEADFORGE_SECRET into the data dir on first run when absent. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: { ensureSecret?: boolean } = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`Invalid settings:\n${parsed.error.issues.map((i) => `  - ${i.message}`).join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.LEADFORGE_DATA_DIR || './data');
  const host = e.HOST || '127.0.0.1';
  const secret = e.LEADFORGE_SECRET || (options.ensureSecret === false ? 'insecure-test-secret-0123456789abcdef' : readOrCreateSecret(dataDir));
  if (secret.length < 32) {
    throw new ConfigError('LEADFORGE_SECRET must be at least 32 characters (use `openssl rand -base64 48`).');
  }
  return {
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    dataDir,
    host,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL || `http://${host.includes(':') ? `[${host}]` : host}:${e.PORT}`).replace(/\/$/, ''),
    secret,
    logLevel: e.LOG_LEVEL ?? 'info',
    smtpUrl: e.SMTP_URL,
    mailFrom: e.LEADFORGE_APP_MAIL_FROM || 'Leadforge <no-reply@leadforge.invalid>',
    accessTokenTtlS: e.LEADFORGE_ACCESS_TOKEN_TTL_S,
    refreshTokenTtlS: e.LEADFORGE_REFRESH_TOKEN_TTL_S,
    maxBodyBytes: e.LEADFORGE_MAX_BODY_BYTES,
    trustProxy: e.LEADFORGE_TRUST_PROXY,
    embeddedWorker: e.LEADFORGE_EMBEDDED_WORKER,
    verify: {
      dnsServers: parseDnsServers(e.LEADFORGE_DNS_SERVERS),
      smtpPort: e.LEADFORGE_SMTP_PORT,
      smtpTimeoutMs: e.LEADFORGE_SMTP_TIMEOUT_MS,
      heloName: e.LEADFORGE_HELO_NAME || defaultVerifyConfig().heloName,
      mailFrom: e.LEADFORGE_MAIL_FROM || defaultVerifyConfig().mailFrom,
      greylistRetryS: e.LEADFORGE_GREYLIST_RETRY_S,
      socksProxy: e.LEADFORGE_SOCKS_PROXY,
      maxConnectionsPerHost: e.LEADFORGE_VERIFY_MAX_CONNECTIONS_PER_HOST,
      maxRecipientsPerConnection: e.LEADFORGE_VERIFY_MAX_RECIPIENTS_PER_CONNECTION,
      definiteTtlS: e.LEADFORGE_VERIFY_CACHE_TTL_S,
      unknownTtlS: e.LEADFORGE_VERIFY_UNKNOWN_CACHE_TTL_S,
      domainTtlS: e.LEADFORGE_VERIFY_DOMAIN_CACHE_TTL_S,
    },
    rateLimits: { jobStartsPerMinute: e.LEADFORGE_RATE_LIMIT_JOB_STARTS, expensivePerMinute: e.LEADFORGE_RATE_LIMIT_EXPENSIVE },
    defaultMonthlyCreditsMilli: e.LEADFORGE_DEFAULT_MONTHLY_CREDITS,
  };
}

/** "1.1.1.1, 127.0.0.1:5353, [::1]:53" → trimmed entries; a bad one fails naming the setting. */
function parseDnsServers(v: string | undefined): string[] {
  if (!v) return [];
  const servers = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of servers) {
    if (!/^(\[[0-9a-f:.]+\](:\d{1,5})?|[0-9a-z.-]+(:\d{1,5})?|[0-9a-f:]+)$/i.test(s)) {
      throw new ConfigError(`LEADFORGE_DNS_SERVERS must be a comma list of host[:port], got "${s}"`);
    }
  }
  return servers;
}

function readOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  return secret;
}

/** Settings for tests: no data dir writes, fixed secret, quiet logs. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    dataDir: resolve('.vitest-tmp'),
    host: '127.0.0.1',
    port: 0,
    publicUrl: 'http://127.0.0.1:3000',
    secret: 'test-secret-that-is-long-enough-0123456789',
    logLevel: 'silent',
    mailFrom: 'Leadforge <no-reply@leadforge.test>',
    accessTokenTtlS: 900,
    refreshTokenTtlS: 30 * 86400,
    maxBodyBytes: 1024 * 1024,
    trustProxy: false,
    embeddedWorker: false,
    verify: defaultVerifyConfig(),
    rateLimits: { jobStartsPerMinute: 30, expensivePerMinute: 120 },
    defaultMonthlyCreditsMilli: 1_000_000,
    ...overrides,
  };
}
