import mailchecker from 'mailchecker';
import { DOMAINS as FREE_DOMAINS } from 'free-email-domains-list';
import roleAddresses from 'role-based-email-addresses';
import { memoize } from '../../core/memo.js';

const ROLE_SET = new Set<string>((roleAddresses as string[]).map((r) => r.toLowerCase()));

/** Throwaway domains (mailchecker's maintained list; it walks every parent domain, so remembered). */
export const isDisposableDomain = memoize((domain: string): boolean => !mailchecker.isValid(`probe@${domain}`), 50_000);

/** Free / webmail providers (free-email-domains-list), disposables excluded. */
export const isFreeDomain = (domain: string): boolean => FREE_DOMAINS.has(domain) && !isDisposableDomain(domain);

/** info@, sales@, support+eu@… (role-based-email-addresses), the +sub-address ignored. */
export const isRoleLocal = (local: string): boolean => ROLE_SET.has(local.split('+')[0]!);
