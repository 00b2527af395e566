import { ActionIcon, Group, Select } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import type { Member } from '../../api/types';
import type { LeadList } from '../lists/types';
import type { FieldDef } from './fields';
import { MULTI_VALUE, opLabel, opsFor, VALUELESS, type FilterRule } from './filters';
import { FilterValueInput } from './FilterValueInput';

interface Props {
  rule: FilterRule;
  fields: FieldDef[];
  onChange: (rule: FilterRule) => void;
  onRemove: () => void;
  lists: LeadList[];
  members: Member[];
}

/** field → operator → value; changing the field resets the operator and the value. */
export function FilterRuleRow({ rule, fields, onChange, onRemove, lists, members }: Props) {
  const field = fields.find((f) => f.id === rule.field) ?? fields[0]!;
  const ops = opsFor(field);

  const setField = (id: string | null) => {
    const next = fields.find((f) => f.id === id);
    if (next) onChange({ field: next.id, op: opsFor(next)[0]! });
  };
  const setOp = (op: string | null) => {
    const next = ops.find((o) => o === op);
    if (!next) return;
    // Keep what was typed when the value's shape stays the same.
    const sameShape = MULTI_VALUE.has(next) === MULTI_VALUE.has(rule.op) && !VALUELESS.has(next);
    onChange({ field: rule.field, op: next, value: sameShape ? rule.value : undefined });
  };

  return (
    <Group gap="xs" wrap="nowrap" data-testid="filter-rule">
      <Select
        aria-label="Filter field"
        data={fields.map((f) => ({ value: f.id, label: f.label }))}
        value={field.id}
        onChange={setField}
        searchable
        w={190}
        comboboxProps={{ withinPortal: false }}
        data-testid="filter-field"
      />
      <Select
        aria-label="Filter operator"
        data={ops.map((o) => ({ value: o, label: opLabel(o, field.kind) }))}
        value={rule.op}
        onChange={setOp}
        w={150}
        allowDeselect={false}
        comboboxProps={{ withinPortal: false }}
        data-testid="filter-op"
      />
      {VALUELESS.has(rule.op) ? null : (
        <FilterValueInput field={field} op={rule.op} value={rule.value} onChange={(value) => onChange({ ...rule, value })} lists={lists} members={members} />
      )}
      <ActionIcon variant="subtle" color="gray" onClick={onRemove} aria-label="Remove this condition">
        <IconX size={16} />
      </ActionIcon>
    </Group>
  );
}
