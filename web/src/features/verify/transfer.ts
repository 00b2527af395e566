import { accessToken, API_BASE, ApiError, refreshSession, type ApiErrorBody, type Query } from '../../api/client';

/**
 * The two calls the JSON client cannot make: a multipart upload and a file download. Both send
 * the in-memory access token and, on a 401, refresh the session once and try again.
 */

function url(path: string, query?: Query) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

async function send(make: (headers: Record<string, string>) => Promise<Response>): Promise<Response> {
  const attempt = () => {
    const token = accessToken();
    return make(token ? { Authorization: `Bearer ${token}` } : {});
  };
  let res: Response;
  try {
    res = await attempt();
    if (res.status === 401 && (await refreshSession())) res = await attempt();
  } catch {
    throw new ApiError(0, { code: 'NETWORK', message: 'Cannot reach the Leadforge server. Check your connection and try again.' });
  }
  if (!res.ok) throw await errorOf(res);
  return res;
}

async function errorOf(res: Response): Promise<ApiError> {
  let body: ApiErrorBody = { code: res.status >= 500 ? 'INTERNAL' : 'HTTP_ERROR', message: `The server answered ${res.status} ${res.statusText}`.trim() };
  try {
    const parsed = (await res.json()) as { error?: ApiErrorBody };
    if (parsed?.error && typeof parsed.error.message === 'string') body = parsed.error;
  } catch {
    // not JSON: keep the status line
  }
  if (res.status === 413) body = { ...body, code: 'TOO_LARGE', message: body.message || 'The file is too large.' };
  const retry = Number(res.headers.get('retry-after'));
  return new ApiError(res.status, body, Number.isFinite(retry) && retry > 0 ? Math.ceil(retry) : undefined);
}

/** POSTs one file as multipart/form-data (field `file`) and reads the JSON answer. */
export async function uploadFile<T>(path: string, file: File, query?: Query): Promise<T> {
  const res = await send((headers) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return fetch(url(path, query), { method: 'POST', headers: { Accept: 'application/json', ...headers }, body: form, credentials: 'same-origin' });
  });
  return (await res.json()) as T;
}

/** GETs a file and hands it to the browser as a download named by the server. */
export async function downloadFile(path: string, query: Query, fallbackName: string): Promise<string> {
  const res = await send((headers) => fetch(url(path, query), { headers, credentials: 'same-origin', cache: 'no-store' }));
  const name = fileNameOf(res.headers.get('content-disposition')) ?? fallbackName;
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return name;
}

function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? null;
}
