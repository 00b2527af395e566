import { Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { describeError } from '../../../api/errors';
import { FormAlert } from '../../../components/FormAlert';
import { QueryState } from '../../../components/QueryState';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { useAddNote, useLeadNotes } from '../api';

/** Notes by members, newest first, and a box to add one. */
export function LeadNotes({ leadId, canWrite }: { leadId: string; canWrite: boolean }) {
  const notes = useLeadNotes(leadId);
  const add = useAddNote();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const items = notes.data?.pages.flatMap((p) => p.items) ?? [];

  const submit = async () => {
    if (!body.trim()) return;
    setError(null);
    try {
      await add.mutateAsync({ id: leadId, body: body.trim() });
      setBody('');
    } catch (e) {
      setError(describeError(e));
    }
  };

  return (
    <Stack gap="sm" data-testid="lead-notes">
      {canWrite ? (
        <Stack gap="xs">
          <Textarea aria-label="New note" placeholder="Add a note for your team" autosize minRows={2} value={body} onChange={(e) => setBody(e.currentTarget.value)} data-testid="note-input" />
          <FormAlert message={error} />
          <Group justify="flex-end">
            <Button size="xs" onClick={() => void submit()} loading={add.isPending} disabled={!body.trim()} data-testid="note-add">
              Add note
            </Button>
          </Group>
        </Stack>
      ) : null}
      <QueryState isPending={notes.isPending} error={notes.error} onRetry={() => void notes.refetch()}>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            No notes yet.
          </Text>
        ) : (
          items.map((n) => (
            <Paper key={n.id} withBorder p="sm" radius="sm" data-testid="note">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {n.body}
              </Text>
              <Text size="xs" c="dimmed" mt={4} title={formatDateTime(n.createdAt)}>
                {n.author.name || n.author.email || (n.author.apiKeyId ? 'API key' : 'Someone')} · {formatRelative(n.createdAt)}
              </Text>
            </Paper>
          ))
        )}
        {notes.hasNextPage ? (
          <Button variant="subtle" size="xs" onClick={() => void notes.fetchNextPage()} loading={notes.isFetchingNextPage}>
            Older notes
          </Button>
        ) : null}
      </QueryState>
    </Stack>
  );
}
