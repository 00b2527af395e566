const units = ['bytes', 'KB', 'MB', 'GB'];

/** 1536 → "1.5 KB". */
export function formatBytes(bytes: number | undefined) {
  if (bytes === undefined || !Number.isFinite(bytes)) return '—';
  let n = bytes;
  let unit = 0;
  while (n >= 1024 && unit < units.length - 1) {
    n /= 1024;
    unit++;
  }
  return unit === 0 ? `${n} bytes` : `${n >= 10 ? Math.round(n) : n.toFixed(1)} ${units[unit]}`;
}

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

export const delimiterName = (d: string | undefined) => (d ? (DELIMITER_NAMES[d] ?? `"${d}"`) : '—');
