import { Button, Group, Select, TextInput } from '@mantine/core';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { REASON_LABELS, STATUS_LABELS } from '../explain';
import { VERIFY_REASONS, VERIFY_STATUSES, type VerifyReason, type VerifyStatus } from '../types';

export interface ResultFilters {
  status: VerifyStatus | null;
  reason: VerifyReason | null;
  q: string;
}

export const NO_FILTERS: ResultFilters = { status: null, reason: null, q: '' };

const STATUS_OPTIONS = VERIFY_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }));
const REASON_OPTIONS = VERIFY_REASONS.map((r) => ({ value: r, label: REASON_LABELS[r] }));

/** Status, reason and address search of the results table. */
export function BulkResultsFilters({ filters, onChange }: { filters: ResultFilters; onChange: (f: ResultFilters) => void }) {
  const active = Boolean(filters.status || filters.reason || filters.q);
  return (
    <Group align="flex-end" gap="sm" wrap="wrap" data-testid="bulk-results-filters">
      <Select
        label="Status"
        placeholder="Any status"
        data={STATUS_OPTIONS}
        value={filters.status}
        onChange={(v) => onChange({ ...filters, status: v as VerifyStatus | null })}
        clearable
        w={160}
        data-testid="bulk-filter-status"
      />
      <Select
        label="Reason"
        placeholder="Any reason"
        data={REASON_OPTIONS}
        value={filters.reason}
        onChange={(v) => onChange({ ...filters, reason: v as VerifyReason | null })}
        clearable
        searchable
        w={230}
        data-testid="bulk-filter-reason"
      />
      <TextInput
        label="Address contains"
        placeholder="e.g. @acme.com"
        leftSection={<IconSearch size={14} />}
        value={filters.q}
        onChange={(e) => onChange({ ...filters, q: e.currentTarget.value })}
        w={220}
        data-testid="bulk-filter-q"
      />
      {active ? (
        <Button variant="subtle" color="gray" leftSection={<IconFilterOff size={16} />} onClick={() => onChange(NO_FILTERS)} data-testid="bulk-filter-clear">
          Clear filters
        </Button>
      ) : null}
    </Group>
  );
}
