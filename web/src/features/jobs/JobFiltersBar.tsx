import '@mantine/dates/styles.css';
import { Button, Group, MultiSelect, Select } from '@mantine/core';
import { DatePickerInput, type DatesRangeValue } from '@mantine/dates';
import { IconCalendar, IconFilterOff } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { JOB_STATUSES, type JobStatus } from '../../api/types';
import { hasFilters, type JobFilters } from './filters';
import { JOB_STATUS_LABELS, kindLabel } from './format';

const STATUS_OPTIONS = JOB_STATUSES.map((s) => ({ value: s, label: JOB_STATUS_LABELS[s] }));

interface Props {
  filters: JobFilters;
  /** Kinds seen so far (the server has no list of them). */
  kinds: string[];
  onChange: (f: JobFilters) => void;
}

/** Status, kind and creation date filters of the jobs list. */
export function JobFiltersBar({ filters, kinds, onChange }: Props) {
  const kindOptions = [...new Set([...kinds, ...(filters.kind ? [filters.kind] : [])])].sort().map((k) => ({ value: k, label: `${kindLabel(k)} (${k})` }));
  return (
    <Group align="flex-end" gap="sm" wrap="wrap" data-testid="job-filters">
      <MultiSelect
        label="Status"
        placeholder={filters.status.length ? undefined : 'Any status'}
        data={STATUS_OPTIONS}
        value={filters.status}
        onChange={(v) => onChange({ ...filters, status: v as JobStatus[] })}
        clearable
        w={280}
        data-testid="jobs-status-filter"
      />
      <Select
        label="Kind"
        placeholder="Any kind"
        data={kindOptions}
        value={filters.kind}
        onChange={(v) => onChange({ ...filters, kind: v })}
        nothingFoundMessage="No kinds yet"
        searchable
        clearable
        w={240}
        data-testid="jobs-kind-filter"
      />
      <CreatedRange from={filters.from} to={filters.to} onChange={(from, to) => onChange({ ...filters, from, to })} />
      {hasFilters(filters) ? (
        <Button variant="subtle" color="gray" leftSection={<IconFilterOff size={16} />} onClick={() => onChange({ status: [], kind: null, from: null, to: null })}>
          Clear filters
        </Button>
      ) : null}
    </Group>
  );
}

/** A range takes effect once both ends are picked; clearing it takes effect at once. */
function CreatedRange({ from, to, onChange }: { from: string | null; to: string | null; onChange: (from: string | null, to: string | null) => void }) {
  const [draft, setDraft] = useState<DatesRangeValue<string>>([from, to]);
  useEffect(() => setDraft([from, to]), [from, to]);
  return (
    <DatePickerInput
      type="range"
      label="Created"
      placeholder="Any date"
      value={draft}
      onChange={(v) => {
        const [a, b] = v as DatesRangeValue<string>;
        setDraft([a, b]);
        if ((a && b) || (!a && !b)) onChange(a, b);
      }}
      allowSingleDateInRange
      clearable
      leftSection={<IconCalendar size={16} />}
      valueFormat="MMM D, YYYY"
      w={260}
      data-testid="jobs-date-filter"
    />
  );
}
