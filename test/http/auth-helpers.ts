import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../helpers/app.js';

/** Helpers shared by the auth HTTP tests. */

let ipSeq = 0;
/** A fresh client address per call, so per-IP rate limits of one test do not leak into another. */
export const freshIp = () => {
  ipSeq++;
  return `10.${(ipSeq >> 16) & 255}.${(ipSeq >> 8) & 255}.${ipSeq & 255}`;
};

let emailSeq = 0;
export const freshEmail = (label = 'user') => `${label}.${Date.now().toString(36)}.${++emailSeq}@example.com`;

export const PASSWORD = 'correct horse battery';

export interface Call {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  token?: string;
  cookie?: string;
  ip?: string;
  headers?: Record<string, string>;
}

export function call(t: TestApp, c: Call): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...c.headers };
  if (c.token) headers.authorization = `Bearer ${c.token}`;
  if (c.cookie) headers.cookie = c.cookie;
  return t.app.inject({
    method: c.method ?? 'POST',
    url: `/api/v1${c.url}`,
    payload: c.body as object | undefined,
    headers,
    remoteAddress: c.ip ?? freshIp(),
  });
}

/** The lf_refresh cookie set by a response, as `{ value, header }` (header is what a browser sends back). */
export function refreshCookie(res: LightMyRequestResponse) {
  const c = res.cookies.find((x) => x.name === 'lf_refresh');
  return c ? { ...c, header: `lf_refresh=${c.value}` } : undefined;
}

export async function register(t: TestApp, overrides: Record<string, unknown> = {}) {
  const email = (overrides.email as string | undefined) ?? freshEmail();
  const res = await call(t, { url: '/auth/register', body: { email, password: PASSWORD, name: 'Ada Lovelace', clientType: 'api', ...overrides } });
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  return { email, session: res.json() as Session };
}

export interface Session {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken?: string;
  user: { id: string; email: string; name: string; emailVerified: boolean };
  workspace: { id: string; name: string; role: string } | null;
}

/** The token from the last link mailed to `to` (reset-password or verify-email). */
export function tokenFromMail(t: TestApp, to: string, path: 'reset-password' | 'verify-email'): string {
  const mail = t.mailer.lastTo(to);
  if (!mail) throw new Error(`no mail to ${to}`);
  const m = new RegExp(`${t.config.publicUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/${path}\\?token=([A-Za-z0-9_%-]+)`).exec(mail.text);
  if (!m) throw new Error(`no ${path} link in mail: ${mail.text}`);
  return decodeURIComponent(m[1]!);
}
