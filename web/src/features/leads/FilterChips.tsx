import { Button, CloseButton, Group, Pill } from '@mantine/core';
import type { FieldDef } from './fields';
import { describeRule, type FilterRule } from './filters';

interface Props {
  rules: FilterRule[];
  fields: Map<string, FieldDef>;
  valueLabel: (field: string, value: string) => string;
  onChange: (rules: FilterRule[]) => void;
}

/** The applied conditions in words, each removable. */
export function FilterChips({ rules, fields, valueLabel, onChange }: Props) {
  if (rules.length === 0) return null;
  return (
    <Group gap="xs" data-testid="filter-chips">
      {rules.map((r, i) => (
        <Pill key={i} size="md" data-testid="filter-chip">
          <Group gap={4} wrap="nowrap">
            {describeRule(r, fields.get(r.field), (v) => valueLabel(r.field, v))}
            <CloseButton size="xs" aria-label="Remove this filter" onClick={() => onChange(rules.filter((_, j) => j !== i))} />
          </Group>
        </Pill>
      ))}
      <Button variant="subtle" size="compact-xs" onClick={() => onChange([])}>
        Clear filters
      </Button>
    </Group>
  );
}
