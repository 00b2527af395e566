import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../core/config.js';

/**
 * The browser's refresh token lives in an httpOnly cookie that scripts cannot read, that is
 * sent only to the auth routes (path) and never on cross-site requests (SameSite=Strict).
 */
export const REFRESH_COOKIE = 'lf_refresh';
// Spelled out rather than built from app.ts's API_PREFIX: app.ts imports the routes, which import this.
export const REFRESH_COOKIE_PATH = '/api/v1/auth';

const cookieOptions = (config: Config) => ({
  path: REFRESH_COOKIE_PATH,
  httpOnly: true,
  sameSite: 'strict' as const,
  secure: config.publicUrl.startsWith('https:'),
});

export function setRefreshCookie(reply: FastifyReply, config: Config, token: string) {
  reply.setCookie(REFRESH_COOKIE, token, { ...cookieOptions(config), maxAge: config.refreshTokenTtlS });
}

export function clearRefreshCookie(reply: FastifyReply, config: Config) {
  reply.clearCookie(REFRESH_COOKIE, cookieOptions(config));
}

export function readRefreshCookie(request: FastifyRequest): string | undefined {
  const value = request.cookies?.[REFRESH_COOKIE];
  return value ? value : undefined;
}
