import { accessToken, API_BASE, ApiError, refreshSession, type ApiErrorBody } from '../../api/client';
import type { UploadPreview } from './types';

/**
 * POST /imports/uploads as multipart. fetch() cannot report upload progress, so this one request
 * goes through XMLHttpRequest; like `request()` it refreshes the session once on a 401.
 */
export async function uploadImportFile(file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<UploadPreview> {
  const first = await send(file, onProgress, signal);
  if (first.status !== 401) return answer(first);
  if (!(await refreshSession())) return answer(first);
  return answer(await send(file, onProgress, signal));
}

interface RawResponse {
  status: number;
  statusText: string;
  body: string;
}

function send(file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}/imports/uploads`);
    xhr.setRequestHeader('Accept', 'application/json');
    const token = accessToken();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => resolve({ status: xhr.status, statusText: xhr.statusText, body: xhr.responseText });
    xhr.onerror = () => reject(new ApiError(0, { code: 'NETWORK', message: 'The upload was interrupted. Check your connection and try again.' }));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

function answer(res: RawResponse): UploadPreview {
  let payload: unknown;
  try {
    payload = res.body ? JSON.parse(res.body) : undefined;
  } catch {
    payload = undefined;
  }
  if (res.status >= 200 && res.status < 300) return payload as UploadPreview;
  const envelope = (payload as { error?: ApiErrorBody } | undefined)?.error;
  if (envelope && typeof envelope.message === 'string') throw new ApiError(res.status, envelope);
  if (res.status === 413) throw new ApiError(413, { code: 'PAYLOAD_TOO_LARGE', message: 'The file is larger than the upload limit' });
  throw new ApiError(res.status, {
    code: res.status >= 500 ? 'INTERNAL' : 'HTTP_ERROR',
    message: `The server answered ${res.status} ${res.statusText}`.trim(),
  });
}
