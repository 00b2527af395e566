import { cleanText } from './normalize-text.js';

export type EmailResult =
  | { ok: true; email: string; domain: string }
  /** Stored as given (trimmed) and flagged; never silently dropped. */
  | { ok: false; email: string; issue: string };

const LOCAL_RE = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const LABEL_RE = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const TLD_RE = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{2,59})$/u;

/**
 * Email addresses are trimmed and lower-cased (the uniqueness key of a lead); a `mailto:`
 * prefix or angle brackets from copy-paste are removed. Anything that is not a syntactically
 * valid address is returned as given, with the reason.
 */
export function normalizeEmail(input: string): EmailResult {
  const given = cleanText(input);
  let v = given.replace(/^mailto:/i, '');
  const bracketed = /<([^<>]+)>\s*$/.exec(v);
  if (bracketed) v = bracketed[1]!;
  v = v.trim().toLowerCase();
  const at = v.lastIndexOf('@');
  if (at <= 0 || at === v.length - 1) return { ok: false, email: given, issue: 'not a valid email address (expected name@domain.tld)' };
  const local = v.slice(0, at);
  const domain = v.slice(at + 1).replace(/\.$/, '');
  const labels = domain.split('.');
  const valid =
    v.length <= 254 &&
    local.length <= 64 &&
    LOCAL_RE.test(local) &&
    labels.length >= 2 &&
    labels.every((l) => LABEL_RE.test(l)) &&
    TLD_RE.test(labels[labels.length - 1]!);
  if (!valid) return { ok: false, email: given, issue: 'not a valid email address (expected name@domain.tld)' };
  return { ok: true, email: `${local}@${domain}`, domain };
}
