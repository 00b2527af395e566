import { formatDateTime } from '../../../lib/format';
import type { LeadSource } from '../types';

const KIND_LABELS: Record<string, string> = {
  manual: 'Edited by hand',
  api: 'API',
  import: 'Import',
  finder: 'Email finder',
  verifier: 'Verifier',
  provider: 'Provider',
  merge: 'Merge',
  crm: 'CRM sync',
  system: 'System',
};

/** "Import · contacts.csv", "Provider · Apollo", "Edited by hand". */
export function sourceLabel(source: LeadSource, memberName?: (userId: string) => string | undefined): string {
  const kind = KIND_LABELS[source.kind] ?? source.kind;
  if (source.kind === 'manual') {
    const who = memberName?.(source.ref);
    return who ? `${kind} · ${who}` : kind;
  }
  const detail = source.label ?? (source.kind === 'provider' ? source.ref : null);
  return detail ? `${kind} · ${detail}` : kind;
}

export const provenanceText = (source: LeadSource, at: string, memberName?: (userId: string) => string | undefined) =>
  `${sourceLabel(source, memberName)}, ${formatDateTime(at)}`;

export const SOURCE_COLORS: Record<string, string> = {
  manual: 'blue',
  api: 'grape',
  import: 'teal',
  finder: 'cyan',
  verifier: 'green',
  provider: 'orange',
  merge: 'violet',
  crm: 'indigo',
  system: 'gray',
};
