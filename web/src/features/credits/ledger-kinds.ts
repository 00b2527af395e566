import type { LedgerKind } from '../../api/types';

export const LEDGER_KIND_LABELS: Record<LedgerKind, string> = {
  grant: 'Grant',
  adjust: 'Adjustment',
  reserve: 'Reservation',
  charge: 'Charge',
  refund: 'Refund',
  release: 'Release',
  reset: 'Monthly reset',
};

export const LEDGER_KIND_COLORS: Record<LedgerKind, string> = {
  grant: 'teal',
  adjust: 'indigo',
  reserve: 'yellow',
  charge: 'red',
  refund: 'green',
  release: 'gray',
  reset: 'grape',
};

/** Reservations and releases move what is available, not the balance itself. */
export const movesAvailableOnly = (kind: LedgerKind) => kind === 'reserve' || kind === 'release';
