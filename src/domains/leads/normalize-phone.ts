import { parsePhoneNumberFromString, type CountryCode, type NumberType } from 'libphonenumber-js/max';
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
 * numbers are kept as given, with the reason.
 */
export function normalizePhone(input: string, defaultCountry?: string | null): PhoneResult {
  const given = cleanText(input);
  const region = defaultCountry && /^[A-Z]{2}$/.test(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  // Without a region, "0049 …" can only be the international call prefix used in most countries.
  const text = !region && /^00[1-9]/.test(given) ? `+${given.slice(2)}` : given;
  const international = /^\s*\+/.test(text);
  let parsed;
  try {
    parsed = parsePhoneNumberFromString(text, region ? { defaultCountry: region } : {});
  } catch {
    parsed = undefined;
  }
  if (!parsed || !parsed.isValid()) {
    const issue =
      !international && !region
        ? 'not a valid phone number without a country: add the lead\'s country or an international "+" prefix'
        : 'not a valid phone number';
    return { ok: false, phone: given, issue };
  }
  const type = parsed.getType();
  return {
    ok: true,
    e164: parsed.number,
    type: type ? TYPES[type] : null,
    country: parsed.country ?? null,
    ext: parsed.ext ?? null,
  };
}
