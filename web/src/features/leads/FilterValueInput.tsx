import { MultiSelect, NumberInput, Select, TextInput } from '@mantine/core';
import type { Member } from '../../api/types';
import type { LeadList } from '../lists/types';
import type { FieldDef } from './fields';
import { MULTI_VALUE, type FilterOp } from './filters';
import { STAGE_LABELS } from './StageBadge';
import { STAGES } from './types';

interface Props {
  field: FieldDef;
  op: FilterOp;
  value: string | string[] | undefined;
  onChange: (value: string | string[] | undefined) => void;
  lists: LeadList[];
  members: Member[];
}

/** The value part of a filter rule, as the field's kind wants it typed. */
export function FilterValueInput({ field, op, value, onChange, lists, members }: Props) {
  const label = `Value for ${field.label}`;
  const one = typeof value === 'string' ? value : '';
  const many = Array.isArray(value) ? value : [];
  const options =
    field.kind === 'stage'
      ? STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))
      : field.kind === 'list'
        ? lists.map((l) => ({ value: l.id, label: l.name }))
        : (field.options ?? []).map((o) => ({ value: o, label: o }));

  if (MULTI_VALUE.has(op))
    return <MultiSelect aria-label={label} data={options} value={many} onChange={onChange} searchable placeholder="Choose…" w={240} comboboxProps={{ withinPortal: false }} data-testid="filter-value" />;
  if (field.kind === 'owner')
    return (
      <Select
        aria-label={label}
        data={members.map((m) => ({ value: m.userId, label: m.name || m.email }))}
        value={one || null}
        onChange={(v) => onChange(v ?? undefined)}
        searchable
        w={240}
        comboboxProps={{ withinPortal: false }}
        data-testid="filter-value"
      />
    );
  if (field.kind === 'boolean' || field.kind === 'presence')
    return (
      <Select
        aria-label={label}
        data={[
          { value: 'true', label: 'Yes' },
          { value: 'false', label: 'No' },
        ]}
        value={one || null}
        onChange={(v) => onChange(v ?? undefined)}
        w={240}
        comboboxProps={{ withinPortal: false }}
        data-testid="filter-value"
      />
    );
  if (field.kind === 'number' || field.kind === 'money')
    return <NumberInput aria-label={label} value={one} onChange={(v) => onChange(v === '' ? undefined : String(v))} w={240} data-testid="filter-value" />;
  if (field.kind === 'date')
    return <TextInput type="date" aria-label={label} value={one} onChange={(e) => onChange(e.currentTarget.value || undefined)} w={240} data-testid="filter-value" />;
  return <TextInput aria-label={label} value={one} onChange={(e) => onChange(e.currentTarget.value)} w={240} placeholder="Value" data-testid="filter-value" />;
}
