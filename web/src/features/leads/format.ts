import { formatDate, formatDateTime } from '../../lib/format';
import type { FieldKind } from './fields';

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** A field's value as text for a table cell or a read-only field. */
export function formatValue(value: unknown, kind: FieldKind): string {
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if ((kind === 'number' || kind === 'money') && typeof value === 'number') return numberFormat.format(value);
  if (kind === 'date' && typeof value === 'string') return value.length > 10 ? formatDateTime(value) : formatDate(`${value}T00:00:00Z`);
  return String(value);
}
