import type { Session } from './types';

/**
 * The one way the UI talks to the server: JSON in and out, cookies for the refresh token only,
 * the access token kept in memory (never in storage). A 401 triggers one refresh through the
 * httpOnly `lf_refresh` cookie and one retry.
 */

export const API_BASE = '/api/v1';

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: unknown;
  requestId?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: unknown;
  readonly requestId?: string;
  /** Seconds from the `Retry-After` header of a 429. */
  readonly retryAfterS?: number;

  constructor(status: number, body: ApiErrorBody, retryAfterS?: number) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.details = body.details;
    this.requestId = body.requestId;
    this.retryAfterS = retryAfterS;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

// ---------------------------------------------------------------------------------------------
// Session store: the current session (user, workspace, access token) as an external store that
// React reads through useSyncExternalStore.

export type SignOutReason = 'logout' | 'expired' | 'none';

export type SessionState =
  | { status: 'restoring'; session: null }
  | { status: 'signed-out'; session: null; reason: SignOutReason }
  | { status: 'signed-in'; session: Session };

let state: SessionState = { status: 'restoring', session: null };
const listeners = new Set<() => void>();
let renewTimer: ReturnType<typeof setTimeout> | undefined;
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('leadforge-session');

export const sessionStore = {
  get: (): SessionState => state,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
};

/** `reason` tells the UI whether to bring the user back where they were after signing in again. */
export function setSession(session: Session | null, reason: SignOutReason = 'expired') {
  if (!session && state.status === 'restoring') reason = 'none';
  state = session ? { status: 'signed-in', session } : { status: 'signed-out', session: null, reason };
  scheduleRenewal(session);
  for (const l of listeners) l();
}

/** Updates the signed-in user in place (after email verification, for instance). */
export function patchSessionUser(patch: Partial<Session['user']>) {
  if (state.status !== 'signed-in') return;
  setSession({ ...state.session, user: { ...state.session.user, ...patch } });
}

/** Updates the current workspace in place (after a rename). */
export function patchSessionWorkspace(patch: Partial<NonNullable<Session['workspace']>>) {
  if (state.status !== 'signed-in' || !state.session.workspace) return;
  setSession({ ...state.session, workspace: { ...state.session.workspace, ...patch } });
}

export const accessToken = () => state.session?.accessToken ?? null;

// Renew the access token a minute before it expires, so that ordinary requests rarely see a 401.
function scheduleRenewal(session: Session | null) {
  clearTimeout(renewTimer);
  if (!session) return;
  const expiresAt = Date.parse(session.accessTokenExpiresAt);
  if (!Number.isFinite(expiresAt)) return;
  const delay = Math.max(5_000, expiresAt - Date.now() - 60_000);
  renewTimer = setTimeout(() => void refreshSession().catch(() => undefined), Math.min(delay, 2_147_000_000));
}

// Another tab logged out: the refresh family is revoked, so this tab is signed out too.
channel?.addEventListener('message', (event: MessageEvent) => {
  if (event.data === 'signed-out' && state.status === 'signed-in') setSession(null, 'logout');
});
export const announceSignOut = () => channel?.postMessage('signed-out');

// ---------------------------------------------------------------------------------------------
// Refresh: one request at a time in this tab, and (where the Web Locks API exists) one at a time
// across tabs, because refresh tokens rotate and a reused one revokes the whole family.

let refreshing: Promise<Session | null> | null = null;

export function refreshSession(): Promise<Session | null> {
  refreshing ??= withRefreshLock(async () => {
    try {
      const session = await request<Session>('/auth/refresh', { method: 'POST', body: {}, auth: false, retryOnUnauthorized: false });
      setSession(session);
      return session;
    } catch (e) {
      if (isApiError(e) && (e.status === 401 || e.status === 403)) {
        setSession(null);
        return null;
      }
      throw e;
    }
  }).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

function withRefreshLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? (locks.request('leadforge-refresh', fn) as Promise<T>) : fn();
}

/** Called once on start-up: turns the refresh cookie (if any) into a session. */
export async function restoreSession(): Promise<void> {
  await refreshSession();
}

// ---------------------------------------------------------------------------------------------
// Requests

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** Send the access token (default true). */
  auth?: boolean;
  /** On 401, refresh the session once and retry (default true). Off for login and friends. */
  retryOnUnauthorized?: boolean;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, query, signal, auth = true, retryOnUnauthorized = true } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = auth ? accessToken() : null;
  if (token) headers.Authorization = `Bearer ${token}`;

  let response: Response;
  try {
    response = await fetch(API_BASE + path + queryString(query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError(0, { code: 'NETWORK', message: 'Cannot reach the Leadforge server. Check your connection and try again.' });
  }

  if (response.status === 401 && retryOnUnauthorized) {
    const renewed = await refreshSession();
    if (renewed) return request<T>(path, { ...options, retryOnUnauthorized: false });
  }
  if (response.status === 204) return undefined as T;

  const payload = await readJson(response);
  if (!response.ok) {
    const error = isErrorEnvelope(payload)
      ? payload.error
      : { code: response.status >= 500 ? 'INTERNAL' : 'HTTP_ERROR', message: `The server answered ${response.status} ${response.statusText}`.trim() };
    throw new ApiError(response.status, error, retryAfter(response));
  }
  return payload as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>(path, { query, signal }),
  post: <T>(path: string, body: unknown = {}) => request<T>(path, { method: 'POST', body }),
  patch: <T>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body }),
  delete: <T = void>(path: string) => request<T>(path, { method: 'DELETE' }),
};

function queryString(query?: Query) {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isErrorEnvelope(v: unknown): v is { error: ApiErrorBody } {
  if (typeof v !== 'object' || v === null || !('error' in v)) return false;
  const e = (v as { error: unknown }).error;
  return typeof e === 'object' && e !== null && typeof (e as ApiErrorBody).message === 'string';
}

function retryAfter(response: Response): number | undefined {
  const h = response.headers.get('retry-after');
  if (!h) return undefined;
  const s = Number(h);
  if (Number.isFinite(s)) return Math.max(0, Math.ceil(s));
  const at = Date.parse(h);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - Date.now()) / 1000)) : undefined;
}
