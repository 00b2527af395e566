import { validationError } from '../../core/errors.js';
import type { ImportMapping } from './import-input.js';
import { headerKey } from './header-key.js';

/**
 * A mapping given on the command line, in any of the shapes people have at hand: the output of
 * `map-columns` (`{"columns":[{"header","field"}]}`), an object `{"Header": "field" | null}`,
 * or the API's array `[{"index","header","field"}]`. Headers match ignoring case and spacing;
 * columns left out are skipped. Pure.
 */
export function parseCliMapping(json: string, headers: string[]): ImportMapping {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw validationError('--mapping is not valid JSON');
  }
  const byHeader = (pairs: [string, unknown][]) =>
    pairs.map(([header, field]) => {
      const index = headers.findIndex((h) => headerKey(h) === headerKey(header));
      if (index < 0) throw validationError(`--mapping names a column the file does not have: "${header}"`);
      if (field !== null && typeof field !== 'string') throw validationError(`--mapping: the field of "${header}" must be a string or null`);
      return { index, header: headers[index]!, field };
    });
  if (Array.isArray(value)) {
    return value.map((c: { index?: number; header?: string; field?: string | null }) =>
      typeof c.index === 'number' ? { index: c.index, header: c.header ?? headers[c.index] ?? '', field: c.field ?? null } : byHeader([[String(c.header), c.field ?? null]])[0]!,
    );
  }
  if (value && typeof value === 'object' && Array.isArray((value as { columns?: unknown }).columns)) {
    return byHeader((value as { columns: { header: string; field: string | null }[] }).columns.map((c) => [c.header, c.field ?? null]));
  }
  if (value && typeof value === 'object') return byHeader(Object.entries(value));
  throw validationError('--mapping must be a JSON object or array');
}
