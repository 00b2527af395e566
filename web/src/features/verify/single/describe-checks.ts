import { providerName, SMTP_CHECK_TEXT } from '../explain';
import type { VerifyResult } from '../types';

export type CheckTone = 'good' | 'bad' | 'warn' | 'neutral';

export interface CheckLine {
  key: string;
  label: string;
  tone: CheckTone;
  text: string;
}

const SMTP_TONE: Record<VerifyResult['checks']['smtp'], CheckTone> = {
  accepted: 'good',
  rejected: 'bad',
  disabled: 'bad',
  full: 'warn',
  blocked: 'warn',
  tempfail: 'warn',
  unreachable: 'warn',
  skipped: 'neutral',
  not_probed: 'neutral',
};

/** Every check of a result as a line a person can read, in the order the verifier runs them. */
export function describeChecks(r: VerifyResult): CheckLine[] {
  const c = r.checks;
  const domain = r.email.slice(r.email.lastIndexOf('@') + 1);
  // The verifier reports an implicit MX (no MX record, but an address) as the domain itself at 0.
  const implicitMx = c.mx.length === 1 && c.mx[0]!.exchange === domain && c.mx[0]!.priority === 0;
  const mxText = implicitMx
    ? 'No MX record: the domain itself takes mail (implicit MX)'
    : c.mx.length === 0
      ? c.domain === false || !c.syntax
        ? 'Not looked up'
        : 'No mail server records'
      : c.mx.length === 1
        ? 'One mail server'
        : `${c.mx.length} mail servers, tried in this order`;
  return [
    { key: 'syntax', label: 'Syntax', tone: c.syntax ? 'good' : 'bad', text: c.syntax ? 'Well-formed address' : 'Not a well-formed address' },
    {
      key: 'domain',
      label: 'Domain',
      tone: c.domain === null ? 'neutral' : c.domain ? 'good' : 'bad',
      text: c.domain === null ? (c.syntax ? 'DNS did not answer' : 'Not looked up') : c.domain ? 'Exists' : 'Does not exist',
    },
    { key: 'mx', label: 'MX records', tone: c.mx.length > 0 ? 'good' : c.syntax && c.domain ? 'bad' : 'neutral', text: mxText },
    { key: 'smtp', label: 'SMTP answer', tone: SMTP_TONE[c.smtp], text: `The mail server: ${SMTP_CHECK_TEXT[c.smtp].toLowerCase()}` },
    {
      key: 'catchAll',
      label: 'Catch-all',
      tone: c.catchAll === null ? 'neutral' : c.catchAll ? 'warn' : 'good',
      text: c.catchAll === null ? 'Not known' : c.catchAll ? 'The domain accepts any address' : 'No: the domain rejects unknown addresses',
    },
    { key: 'disposable', label: 'Disposable', tone: c.disposable ? 'bad' : 'good', text: c.disposable ? 'Yes: a throwaway email service' : 'No' },
    { key: 'role', label: 'Role address', tone: c.role ? 'warn' : 'good', text: c.role ? 'Yes: a shared address such as info@ or sales@' : 'No: looks like a person' },
    { key: 'free', label: 'Free provider', tone: 'neutral', text: c.free ? 'Yes: a free webmail address, not a company domain' : 'No: a company or own domain' },
    { key: 'gibberish', label: 'Gibberish', tone: c.gibberish ? 'warn' : 'good', text: c.gibberish ? 'Yes: the name before @ looks random' : 'No: the name before @ looks real' },
    { key: 'provider', label: 'Mail provider', tone: 'neutral', text: providerName(c.provider) ?? 'Not recognised' },
  ];
}
