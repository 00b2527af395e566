import { parsePhoneNumberFromString, type CountryCode, type NumberType } from 'libphonenumber-js/max';
import { memoize } from '../../core/memo.js';
import { cleanText } from './normalize-text.js';

export type PhoneType =
  | 'mobile'
  | 'fixed_line'
  | 'fixed_line_or_mobile'
  | 'voip'
  | 'toll_free'
  | 'premium_rate'
  | 'shared_cost'
  | 'personal_number'
  | 'pager'
  | 'uan'
  | 'voicemail';

export type PhoneResult =
  | { ok: true; e164: string; type: PhoneType | null; country: string | null; ext: string | null }
  /** Stored as given (trimmed) and flagged. */
  | { ok: false; phone: string; issue: string };

const TYPES: Record<NonNullable<NumberType>, PhoneType> = {
  MOBILE: 'mobile',
  FIXED_LINE: 'fixed_line',
  FIXED_LINE_OR_MOBILE: 'fixed_line_or_mobile',
  VOIP: 'voip',
  TOLL_FREE: 'toll_free',
  PREMIUM_RATE: 'premium_rate',
  SHARED_COST: 'shared_cost',
  PERSONAL_NUMBER: 'personal_number',
  PAGER: 'pager',
  UAN: 'uan',
  VOICEMAIL: 'voicemail',
};

/**
 * Phone numbers to E.164 with their type and country (libphonenumber's full metadata). A number
 * without an international prefix is read in `defaultCountry`, the lead's country. Invalid
 * numbers are kept as given, with the reason. Remembered per (region, input): a file repeats
 * its switchboard numbers, and libphonenumber is the costliest step of a lead row.
 */
export function normalizePhone(input: string, defaultCountry?: string | null): PhoneResult {
  const region = defaultCountry && /^[A-Z]{2}$/.test(defaultCountry) ? defaultCountry : '--';
  return remembered(region + input);
}

/** Key: the two-letter region ("--" for none) followed by the input as given. */
const remembered = memoize((key: string) => parsePhone(key.slice(2), key.startsWith('--') ? undefined : (key.slice(0, 2) as CountryCode)));

function parsePhone(input: string, region: CountryCode | undefined): PhoneResult {
  const given = cleanText(input);
  // Without a region, "0049 …" can only be the international call prefix used in most countries.
  const text = !region && /^00[1-9]/.test(given) ? `+${given.slice(2)}` : given;
  const international = /^\s*\+/.test(text);
  let parsed;
  try {
    parsed = parsePhoneNumberFromString(text, region ? { defaultCountry: region } : {});
  } catch {
    parsed = undefined;
  }
  // With the full metadata a number has a type exactly when it is valid (isValid() runs the same
  // type matching again): ask isValid() only when there is no type.
  const type = parsed?.getType();
  if (!parsed || (type === undefined && !parsed.isValid())) {
    const issue =
      !international && !region
        ? 'not a valid phone number without a country: add the lead\'s country or an international "+" prefix'
        : 'not a valid phone number';
    return { ok: false, phone: given, issue };
  }
  return {
    ok: true,
    e164: parsed.number,
    type: type ? TYPES[type] : null,
    country: parsed.country ?? null,
    ext: parsed.ext ?? null,
  };
}
