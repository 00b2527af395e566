import { Badge, Button, Group, Popover, Stack, Text } from '@mantine/core';
import { IconFilter, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Member } from '../../api/types';
import type { LeadList } from '../lists/types';
import type { FieldDef } from './fields';
import { isComplete, opsFor, type FilterRule } from './filters';
import { FilterRuleRow } from './FilterRuleRow';

interface Props {
  rules: FilterRule[];
  fields: FieldDef[];
  onApply: (rules: FilterRule[]) => void;
  lists: LeadList[];
  members: Member[];
}

/** Conditions joined with "and", edited as a draft and applied together. */
export function FilterBuilder({ rules, fields, onApply, lists, members }: Props) {
  const [opened, setOpened] = useState(false);
  const [draft, setDraft] = useState<FilterRule[]>(rules);

  const open = () => {
    setDraft(rules.length ? rules : [newRule(fields)]);
    setOpened(true);
  };
  const apply = () => {
    onApply(draft.filter(isComplete));
    setOpened(false);
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" shadow="md" withinPortal trapFocus>
      <Popover.Target>
        <Button
          variant={rules.length ? 'light' : 'default'}
          leftSection={<IconFilter size={16} />}
          rightSection={rules.length ? <Badge size="xs" circle>{rules.length}</Badge> : null}
          onClick={() => (opened ? setOpened(false) : open())}
          data-testid="filter-builder"
        >
          Filter
        </Button>
      </Popover.Target>
      <Popover.Dropdown data-testid="filter-builder-dropdown">
        <Stack gap="sm">
          <Text size="sm" fw={600}>
            Leads matching all of these
          </Text>
          {draft.map((rule, i) => (
            <FilterRuleRow
              key={i}
              rule={rule}
              fields={fields}
              lists={lists}
              members={members}
              onChange={(r) => setDraft(draft.map((x, j) => (j === i ? r : x)))}
              onRemove={() => setDraft(draft.filter((_, j) => j !== i))}
            />
          ))}
          <Group justify="space-between">
            <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => setDraft([...draft, newRule(fields)])} data-testid="filter-add">
              Add a condition
            </Button>
            <Group gap="xs">
              <Button variant="default" size="xs" onClick={() => setDraft([])}>
                Clear
              </Button>
              <Button size="xs" onClick={apply} data-testid="filter-apply">
                Apply
              </Button>
            </Group>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

function newRule(fields: FieldDef[]): FilterRule {
  const field = fields[0]!;
  return { field: field.id, op: opsFor(field)[0]! };
}
