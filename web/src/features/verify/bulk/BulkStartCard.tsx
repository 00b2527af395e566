import { Button, Card, Checkbox, Group, SegmentedControl, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiError } from '../../../api/client';
import type { Job } from '../../../api/types';
import { useCan } from '../../auth/session';
import { formatCount } from '../../jobs/format';
import { useStartBulkVerify, type BulkSource } from '../api';
import { VerifyErrorAlert } from '../VerifyErrorAlert';
import { BulkUploadZone } from './BulkUploadZone';
import { ListSelect } from './ListSelect';

type SourceKind = BulkSource['kind'];

const SOURCES: Array<{ value: SourceKind; label: string }> = [
  { value: 'text', label: 'Paste addresses' },
  { value: 'file', label: 'Upload a file' },
  { value: 'list', label: 'A list of leads' },
];

const lineCount = (text: string) => text.split(/\r?\n/).filter((l) => l.trim()).length;

/** Where the addresses come from, the options, and the start button (members and up). */
export function BulkStartCard({ onStarted }: { onStarted: (job: Job) => void }) {
  const canStart = useCan('member');
  const [kind, setKind] = useState<SourceKind>('text');
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [listId, setListId] = useState<string | null>(null);
  const [skipSmtp, setSkipSmtp] = useState(false);
  // Unset: the server's default (on for leads of a list, off for pasted and uploaded addresses).
  const [writeChoice, setWriteChoice] = useState<boolean | null>(null);
  const writeToLeads = writeChoice ?? kind === 'list';
  const start = useStartBulkVerify();

  const source: BulkSource | null =
    kind === 'text' ? (text.trim() ? { kind, text, label: 'pasted' } : null) : kind === 'file' ? (file ? { kind, file } : null) : listId ? { kind, listId } : null;

  const onStart = () => {
    if (!source) return;
    start.mutate(
      // Untouched, the switch leaves the choice to the server's default for the source.
      { source, options: { skipSmtp, ...(writeChoice === null ? {} : { writeToLeads: writeChoice }) } },
      {
        onSuccess: (job) => {
          onStarted(job);
          setText('');
          setFile(null);
        },
      },
    );
  };

  return (
    <Card withBorder radius="md" p="lg" data-testid="bulk-start">
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={4}>Verify many addresses</Title>
          <Text size="sm" c="dimmed">
            Runs as a job: you can leave this page and come back. 0.5 credit per definite answer by default; unknown answers are refunded.
          </Text>
        </Stack>
        <SegmentedControl value={kind} onChange={(v) => setKind(v as SourceKind)} data={SOURCES} maw={520} data-testid="bulk-source" />
        {kind === 'text' ? (
          <Textarea
            label="Addresses"
            description="One per line, or CSV text with an email column"
            placeholder={'jane@acme.com\nbob@example.org'}
            autosize
            minRows={5}
            maxRows={14}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            spellCheck={false}
            data-testid="bulk-paste"
          />
        ) : null}
        {kind === 'text' && text.trim() ? (
          <Text size="xs" c="dimmed" data-testid="bulk-paste-count">
            {formatCount(lineCount(text))} lines
          </Text>
        ) : null}
        {kind === 'file' ? <BulkUploadZone file={file} onFile={setFile} /> : null}
        {kind === 'list' ? <ListSelect value={listId} onChange={setListId} /> : null}
        <Group gap="xl" wrap="wrap">
          <Checkbox
            label="Skip the mail server check (faster; answers are unknown and refunded)"
            checked={skipSmtp}
            onChange={(e) => setSkipSmtp(e.currentTarget.checked)}
            data-testid="bulk-skip-smtp"
          />
          <Switch
            label="Write the statuses back to the leads"
            description={kind === 'list' ? 'The leads of the list get their email status' : 'Leads of this workspace with these addresses get their email status'}
            checked={writeToLeads}
            onChange={(e) => setWriteChoice(e.currentTarget.checked)}
            data-testid="bulk-write-leads"
          />
        </Group>
        {start.isError ? <VerifyErrorAlert error={start.error} waitS={isApiError(start.error) ? (start.error.retryAfterS ?? 0) : 0} /> : null}
        <Group>
          <Button leftSection={<IconPlayerPlay size={16} />} onClick={onStart} loading={start.isPending} disabled={!canStart || !source} data-testid="bulk-start-button">
            Start verification
          </Button>
          {!canStart ? (
            <Text size="sm" c="dimmed">
              Viewers cannot start verifications.
            </Text>
          ) : null}
        </Group>
      </Stack>
    </Card>
  );
}
