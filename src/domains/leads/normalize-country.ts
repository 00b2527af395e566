import { getCountries } from 'libphonenumber-js/max';
import { foldText } from './normalize-text.js';

/** Names in the languages our users type most, plus common aliases and ISO alpha-3 codes. */
const NAME_LANGUAGES = ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl'];
const ALIASES: Record<string, string> = {
  usa: 'US', 'u s': 'US', 'u s a': 'US', 'united states of america': 'US', america: 'US',
  uk: 'GB', 'u k': 'GB', 'great britain': 'GB', britain: 'GB', england: 'GB', scotland: 'GB', wales: 'GB', 'northern ireland': 'GB',
  uae: 'AE', holland: 'NL', 'the netherlands': 'NL', korea: 'KR', 'south korea': 'KR', 'republic of korea': 'KR', russia: 'RU',
  'czech republic': 'CZ', turkey: 'TR', turkiye: 'TR', 'ivory coast': 'CI', macedonia: 'MK', swaziland: 'SZ', burma: 'MM',
  gbr: 'GB', deu: 'DE', fra: 'FR', esp: 'ES', ita: 'IT', nld: 'NL', bel: 'BE', che: 'CH', aut: 'AT', can: 'CA',
  aus: 'AU', ind: 'IN', bra: 'BR', mex: 'MX', jpn: 'JP', chn: 'CN', irl: 'IE', prt: 'PT', swe: 'SE', nor: 'NO', dnk: 'DK',
  fin: 'FI', pol: 'PL', isr: 'IL', sgp: 'SG', zaf: 'ZA', nzl: 'NZ', arg: 'AR', col: 'CO', chl: 'CL',
};

let table: Map<string, string> | undefined;

function lookupTable(): Map<string, string> {
  if (table) return table;
  const map = new Map<string, string>();
  const codes = getCountries().filter((c) => /^[A-Z]{2}$/.test(c));
  for (const code of codes) map.set(code.toLowerCase(), code);
  for (const lang of NAME_LANGUAGES) {
    const names = new Intl.DisplayNames([lang], { type: 'region' });
    for (const code of codes) {
      const name = names.of(code);
      if (name && name !== code) map.set(countryKey(name), code);
    }
  }
  for (const [alias, code] of Object.entries(ALIASES)) map.set(alias, code);
  table = map;
  return map;
}

const countryKey = (s: string) =>
  foldText(s)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * ISO 3166-1 alpha-2 code of a country as typed: "France", "FR", "fr", "Deutschland", "USA",
 * "United States", "U.K." … null when it cannot be recognised. The lead keeps the country as
 * typed; this code is the default region for its phone numbers and the key for filters.
 */
export function countryCode(input: string): string | null {
  const key = countryKey(input);
  if (key === '') return null;
  return lookupTable().get(key) ?? null;
}
