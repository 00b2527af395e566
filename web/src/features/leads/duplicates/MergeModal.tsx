import { Button, Group, Modal, Radio, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { describeError } from '../../../api/errors';
import { FormAlert } from '../../../components/FormAlert';
import { formatDate } from '../../../lib/format';
import { useCustomFields } from '../api';
import { customFieldDef, fieldValue, leadDisplayName } from '../fields';
import { formatValue } from '../format';
import type { Lead } from '../types';
import { useMergeLeads, useUndoMerge } from './api';
import { conflictingFields, defaultWinners } from './merge-plan';

/**
 * Merge a group: pick the lead that stays, and for every field where the leads disagree, whose
 * value wins. Notes, activity, lists and provenance all move to the survivor; the merge can be undone.
 */
export function MergeModal({ leads, onClose }: { leads: Lead[]; onClose: () => void }) {
  const customFields = useCustomFields();
  const merge = useMergeLeads();
  const undo = useUndoMerge();
  const [survivorId, setSurvivorId] = useState(leads[0]!.id);
  const fields = useMemo(() => conflictingFields(leads, (customFields.data ?? []).map(customFieldDef)), [leads, customFields.data]);
  const [winners, setWinners] = useState<Record<string, string>>(() => defaultWinners(leads, leads[0]!.id, fields));
  const [error, setError] = useState<string | null>(null);

  const chooseSurvivor = (id: string) => {
    setSurvivorId(id);
    setWinners(defaultWinners(leads, id, fields));
  };

  const submit = async () => {
    setError(null);
    try {
      const chosen = Object.fromEntries(fields.map((f) => [f.id, winners[f.id] ?? survivorId]));
      const r = await merge.mutateAsync({ survivorId, mergedIds: leads.filter((l) => l.id !== survivorId).map((l) => l.id), fields: chosen });
      const id = notifications.show({
        color: 'teal',
        autoClose: 15_000,
        message: (
          <Group justify="space-between" data-testid="merge-done">
            <Text size="sm">Merged {leads.length} leads into {leadDisplayName(r.lead)}</Text>
            <Button
              size="compact-xs"
              variant="light"
              data-testid="merge-undo"
              onClick={() =>
                // mutateAsync: this dialog is gone by the time someone clicks, and per-call
                // callbacks of an unmounted mutation never run; the promise still settles.
                undo.mutateAsync(r.mergeId).then(
                  () => {
                    notifications.hide(id);
                    notifications.show({ color: 'teal', message: 'Merge undone: the leads are back as they were' });
                  },
                  (e: unknown) => notifications.show({ color: 'red', title: 'Could not undo the merge', message: describeError(e) }),
                )
              }
            >
              Undo
            </Button>
          </Group>
        ),
      });
      onClose();
    } catch (e) {
      setError(describeError(e));
    }
  };

  return (
    <Modal opened onClose={onClose} title="Merge duplicates" centered size="xl">
      <Stack>
        <ScrollArea>
          <Table withColumnBorders data-testid="merge-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Keep</Table.Th>
                {leads.map((l) => (
                  <Table.Th key={l.id}>
                    <Radio
                      checked={survivorId === l.id}
                      onChange={() => chooseSurvivor(l.id)}
                      label={leadDisplayName(l)}
                      description={`${l.email ?? 'no email'} · created ${formatDate(l.created_at)}`}
                      aria-label={`Keep ${l.email ?? leadDisplayName(l)}`}
                      data-testid="merge-survivor"
                    />
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {fields.map((f) => (
                <Table.Tr key={f.id} data-testid="merge-field" data-field={f.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {f.label}
                    </Text>
                  </Table.Td>
                  {leads.map((l) => {
                    const text = formatValue(fieldValue(l, f.id), f.kind);
                    return (
                      <Table.Td key={l.id}>
                        <Radio
                          checked={winners[f.id] === l.id}
                          disabled={!text}
                          onChange={() => setWinners({ ...winners, [f.id]: l.id })}
                          label={text || '—'}
                          aria-label={`${f.label}: ${text || 'empty'}`}
                          data-testid="merge-choice"
                        />
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
        <Text size="sm" c="dimmed">
          {fields.length ? 'Pick the value that wins where the leads disagree. ' : 'The leads agree on every field. '}
          Tags are combined; notes, activity, list memberships and where each value came from move to the lead you keep. You can undo the merge.
        </Text>
        <FormAlert message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void submit()} loading={merge.isPending} data-testid="merge-submit">
            Merge {leads.length} leads
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
