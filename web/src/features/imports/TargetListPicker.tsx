import { SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTargetLists } from './api';

export type ListChoice = { kind: 'none' } | { kind: 'existing'; listId: string | null } | { kind: 'new'; name: string };

/** No list, an existing list, or a new one created with the import. */
export function TargetListPicker({ value, onChange }: { value: ListChoice; onChange: (next: ListChoice) => void }) {
  const lists = useTargetLists();
  const options = (lists.data ?? []).map((l) => ({ value: l.id, label: `${l.name} (${l.leadCount.toLocaleString()} leads)` }));
  return (
    <Stack gap="xs">
      <Title order={5}>Target list</Title>
      <SegmentedControl
        value={value.kind}
        onChange={(kind) => onChange(kind === 'new' ? { kind, name: '' } : kind === 'existing' ? { kind, listId: null } : { kind: 'none' })}
        data={[
          { value: 'none', label: 'No list' },
          { value: 'existing', label: 'An existing list' },
          { value: 'new', label: 'A new list' },
        ]}
        w="fit-content"
        aria-label="Target list"
        data-testid="list-kind"
      />
      {value.kind === 'existing' ? (
        <Select
          label="List"
          placeholder={lists.isPending ? 'Loading lists…' : options.length ? 'Pick a list' : 'No lists yet: create a new one instead'}
          data={options}
          value={value.listId}
          onChange={(listId) => onChange({ kind: 'existing', listId })}
          searchable
          nothingFoundMessage="No list of that name"
          error={lists.error ? 'The lists could not be loaded' : undefined}
          data-testid="existing-list"
        />
      ) : null}
      {value.kind === 'new' ? (
        <TextInput
          label="New list name"
          placeholder="e.g. Trade fair 2026"
          value={value.name}
          onChange={(e) => onChange({ kind: 'new', name: e.currentTarget.value })}
          maxLength={200}
          data-testid="new-list-name"
        />
      ) : null}
      {value.kind === 'none' ? (
        <Text size="xs" c="dimmed">
          The leads are added to the workspace without a list.
        </Text>
      ) : null}
    </Stack>
  );
}
