import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { Config } from '../../core/config.js';
import { unauthenticated } from '../../core/errors.js';

/** Random, URL-safe token for refresh tokens, email links and API key secrets. */
export const newOpaqueToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** Tokens we hand out are high-entropy, so a plain SHA-256 is the right hash for lookup. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function safeEqualHex(a: string, b: string) {
  const ab = Buffer.from(a, 'hex');
  const bb = Buffer.from(b, 'hex');
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

const jwtKey = (config: Config) => createHmac('sha256', config.secret).update('leadforge:access-token:v1').digest();

export interface AccessClaims {
  userId: string;
  workspaceId: string | null;
  /** Refresh-token family (the "session") the access token was issued under. */
  sessionId: string;
}

export async function signAccessToken(config: Config, claims: AccessClaims, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + config.accessTokenTtlS;
  const token = await new SignJWT({ wid: claims.workspaceId, sid: claims.sessionId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer('leadforge')
    .setAudience('leadforge-api')
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(jwtKey(config));
  return { token, expiresAt: new Date(exp * 1000) };
}

export async function verifyAccessToken(config: Config, token: string, now: Date): Promise<AccessClaims> {
  try {
    const { payload } = await jwtVerify(token, jwtKey(config), {
      issuer: 'leadforge',
      audience: 'leadforge-api',
      algorithms: ['HS256'],
      currentDate: now,
    });
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') throw unauthenticated('Malformed access token');
    return { userId: payload.sub, workspaceId: typeof payload.wid === 'string' ? payload.wid : null, sessionId: payload.sid };
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) throw unauthenticated('Access token expired; refresh it');
    if (e instanceof joseErrors.JOSEError) throw unauthenticated('Invalid access token');
    throw e;
  }
}

export const API_KEY_PREFIX = 'lf_';

/** `lf_<8-char id>_<secret>`: the id finds the row, the secret is compared by hash. */
export function newApiKey(): { key: string; prefix: string; keyHash: string } {
  const prefix = randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').slice(0, 8);
  const key = `${API_KEY_PREFIX}${prefix}_${newOpaqueToken(32)}`;
  return { key, prefix, keyHash: hashToken(key) };
}

export function parseApiKey(key: string): { prefix: string } | null {
  const m = /^lf_([A-Za-z0-9]{8})_[A-Za-z0-9_-]{20,}$/.exec(key);
  return m ? { prefix: m[1]! } : null;
}
