import { ActionIcon, Anchor, Group, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconX } from '@tabler/icons-react';
import { Link } from 'react-router';
import { describeError } from '../../../api/errors';
import { useAddLeadsToList, useLists, useRemoveLeadsFromList } from '../../lists/api';
import type { LeadDetail } from '../types';

/** The lists the lead is in (the ones the user may see), with add and remove. */
export function LeadLists({ lead, canWrite }: { lead: LeadDetail; canWrite: boolean }) {
  const lists = useLists();
  const add = useAddLeadsToList();
  const remove = useRemoveLeadsFromList();
  const onError = (e: unknown) => notifications.show({ color: 'red', title: 'That did not work', message: describeError(e) });
  const options = (lists.data ?? []).filter((l) => !lead.lists.some((m) => m.id === l.id)).map((l) => ({ value: l.id, label: l.name }));

  return (
    <Stack gap="xs" data-testid="lead-lists">
      {lead.lists.length === 0 ? (
        <Text size="sm" c="dimmed">
          Not in any list.
        </Text>
      ) : (
        lead.lists.map((l) => (
          <Group key={l.id} justify="space-between" data-testid="lead-list" data-list-name={l.name}>
            <Anchor component={Link} to={`/app/leads?list=${l.id}`} size="sm">
              {l.name}
            </Anchor>
            {canWrite ? (
              <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`Remove from ${l.name}`} onClick={() => remove.mutate({ listId: l.id, leadIds: [lead.id] }, { onError })}>
                <IconX size={14} />
              </ActionIcon>
            ) : null}
          </Group>
        ))
      )}
      {canWrite ? (
        <Select
          aria-label="Add to a list"
          placeholder="Add to a list…"
          data={options}
          value={null}
          onChange={(listId) => listId && add.mutate({ listId, leadIds: [lead.id] }, { onError })}
          searchable
          size="xs"
          data-testid="lead-add-list"
        />
      ) : null}
    </Stack>
  );
}
