import { LIMITS } from './fields.js';

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'boolean', 'select'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];
export type CustomValue = string | number | boolean;

export interface CustomFieldDef {
  key: string;
  label: string;
  type: CustomFieldType;
  options: string[];
}

export type CustomValueResult = { ok: true; value: CustomValue | null } | { ok: false; message: string };

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Checks one custom value against its definition. Wrong types are errors (a 400 on the API,
 * a row error in an import); null or an empty string removes the value.
 */
export function checkCustomValue(def: CustomFieldDef, value: unknown): CustomValueResult {
  if (value === null || value === '') return { ok: true, value: null };
  const bad = (expected: string) => ({ ok: false as const, message: `custom.${def.key} must be ${expected}` });
  switch (def.type) {
    case 'text':
      if (typeof value !== 'string') return bad('a string');
      if (value.length > LIMITS.customText) return bad(`at most ${LIMITS.customText} characters`);
      return { ok: true, value: value.trim() === '' ? null : value.trim() };
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return bad('a number');
      if (Math.abs(value) > LIMITS.amount) return bad(`between -${LIMITS.amount} and ${LIMITS.amount}`);
      return { ok: true, value };
    case 'boolean':
      if (typeof value !== 'boolean') return bad('true or false');
      return { ok: true, value };
    case 'date': {
      const m = typeof value === 'string' ? DATE_RE.exec(value) : null;
      if (!m) return bad('a date as YYYY-MM-DD');
      const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
        return bad('a real calendar date (YYYY-MM-DD)');
      }
      return { ok: true, value: value as string };
    }
    case 'select': {
      if (typeof value !== 'string') return bad(`one of: ${def.options.join(', ')}`);
      const option = def.options.find((o) => o.toLowerCase() === value.trim().toLowerCase());
      if (!option) return bad(`one of: ${def.options.join(', ')}`);
      return { ok: true, value: option };
    }
  }
}
