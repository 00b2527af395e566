/**
 * The comparable form of a column header: accents folded, camelCase split, punctuation and
 * spacing collapsed, lower case. "E-Mail Adresse", "emailAddress" and " EMAIL_address " all
 * become "e mail adresse" / "email address".
 */
export function headerKey(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The same key without spaces: "e mail" and "email" meet here. */
export const compactKey = (header: string) => headerKey(header).replace(/ /g, '');

/** A custom field key (`^[a-z][a-z0-9_]{0,62}$`) derived from a header, or null when nothing is left. */
export function customKey(header: string): string | null {
  let key = headerKey(header).replace(/ /g, '_');
  if (!key) return null;
  if (!/^[a-z]/.test(key)) key = `f_${key}`;
  return key.slice(0, 63).replace(/_+$/, '');
}
