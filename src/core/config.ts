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
}

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
  };
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
    ...overrides,
  };
}
