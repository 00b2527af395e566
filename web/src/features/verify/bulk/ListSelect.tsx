import { Select } from '@mantine/core';
import { describeError } from '../../../api/errors';
import { formatCount } from '../../jobs/format';
import { useLists } from '../api';

/** A list of leads to verify (the leads with an email are verified). */
export function ListSelect({ value, onChange }: { value: string | null; onChange: (id: string | null) => void }) {
  const lists = useLists(true);
  const data = (lists.data ?? []).map((l) => ({ value: l.id, label: `${l.name} (${formatCount(l.leadCount)} leads)` }));
  return (
    <Select
      label="List of leads"
      placeholder={lists.isPending ? 'Loading lists…' : 'Pick a list'}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      nothingFoundMessage="No lists yet"
      error={lists.error ? describeError(lists.error) : undefined}
      maw={420}
      data-testid="bulk-list-select"
    />
  );
}
