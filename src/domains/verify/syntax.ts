import { domainToASCII } from 'node:url';

export type ParsedEmail =
  | { ok: true; email: string; local: string; domain: string }
  | { ok: false; email: string; problem: string };

// Practical RFC 5321/5322 policy: dot-atom local parts only (no quoted strings, no comments),
// host names only (no IP literals), a real alphabetic (or punycode) TLD.
const LOCAL_ATOM = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const TLD = /^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * Normalizes (trim, lower-case, IDN domain to punycode) and checks an address. The normalized
 * form is returned even when the check fails, so that callers can echo what was looked at.
 */
export function parseEmail(input: string): ParsedEmail {
  const email = input.trim().toLowerCase();
  const fail = (problem: string): ParsedEmail => ({ ok: false, email, problem });
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1) return fail('missing local part or domain');
  const local = email.slice(0, at);
  const rawDomain = email.slice(at + 1).replace(/\.$/, '');
  if (local.includes('@')) return fail('more than one @');
  if (local.length > 64) return fail('local part longer than 64 characters');
  if (!LOCAL_ATOM.test(local)) return fail('local part has characters or dots not allowed');
  if (rawDomain.startsWith('[')) return fail('IP literals are not accepted');
  // domainToASCII is the slow part of a check: plain ASCII host names do not need it.
  const domain = /^[a-z0-9.-]+$/.test(rawDomain) && !rawDomain.includes('xn--') ? rawDomain : domainToASCII(rawDomain);
  if (!domain) return fail('domain is not a valid host name');
  const labels = domain.split('.');
  if (labels.length < 2) return fail('domain has no TLD');
  if (labels.some((l) => l.length > 63 || !LABEL.test(l))) return fail('domain label is empty, too long or has bad characters');
  if (!TLD.test(labels[labels.length - 1]!)) return fail('TLD is not a real top-level domain');
  const normalized = `${local}@${domain}`;
  if (normalized.length > 254) return { ok: false, email: normalized, problem: 'address longer than 254 characters' };
  return { ok: true, email: normalized, local, domain };
}
