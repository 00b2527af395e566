/** Credits as people read them: milli-credits shown as credits with up to three decimals. */

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });

export const formatCredits = (milli: number) => number.format(milli / 1000);

/** "+100", "−0.5", "0": ledger amounts with their direction. */
export function formatSignedCredits(milli: number) {
  if (milli === 0) return '0';
  return `${milli > 0 ? '+' : '−'}${number.format(Math.abs(milli) / 1000)}`;
}

/** A cap or threshold that may be off. */
export const formatOptionalCredits = (milli: number | null, off = 'None') => (milli === null ? off : formatCredits(milli));

const FEATURE_LABELS: Record<string, string> = {
  email_find: 'Email finding',
  email_verify: 'Email verification',
};

/** `email_find` → "Email finding", `enrich:apollo` → "Enrichment (apollo)". */
export function featureLabel(feature: string | null | undefined) {
  if (!feature) return '—';
  if (FEATURE_LABELS[feature]) return FEATURE_LABELS[feature];
  if (feature.startsWith('enrich:')) return `Enrichment (${feature.slice('enrich:'.length)})`;
  const words = feature.replace(/[_:.-]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : feature;
}

/** A date as the API takes it (YYYY-MM-DD, UTC). */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The last `days` UTC days, today included. */
export function lastDays(days: number, now = new Date()): [string, string] {
  const from = new Date(now.getTime() - (days - 1) * 86_400_000);
  return [isoDay(from), isoDay(now)];
}
