import { Button, Card, Checkbox, FileInput, Group, NumberInput, SegmentedControl, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconPlayerPlay, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import type { Job } from '../../../api/types';
import { describeError } from '../../../api/errors';
import { FormAlert } from '../../../components/FormAlert';
import { useLists } from '../../verify/api';
import { useStartBulkFind, type BulkFindSource } from '../api';

type SourceKind = BulkFindSource['kind'];
const SAMPLE = 'first_name,last_name,domain\nAda,Lovelace,acme.com';

/** Who to find (pasted CSV, a CSV/XLSX file, or a list's leads without an email) and what to do with what is found. */
export function BulkFindStart({ onStarted }: { onStarted: (job: Job) => void }) {
  const [kind, setKind] = useState<SourceKind>('text');
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [listId, setListId] = useState<string | null>(null);
  const [skipSmtp, setSkipSmtp] = useState(false);
  const [minConfidence, setMinConfidence] = useState<number>(0);
  const [save, setSave] = useState(false);
  const [targetListId, setTargetListId] = useState<string | null>(null);
  const lists = useLists(true);
  const listOptions = (lists.data ?? []).map((l) => ({ value: l.id, label: l.name }));
  const start = useStartBulkFind();

  const source: BulkFindSource | null =
    kind === 'text' ? (text.trim() ? { kind, text } : null) : kind === 'file' ? (file ? { kind, file } : null) : listId ? { kind, listId } : null;
  const ready = source !== null && !(save && kind !== 'list' && !targetListId);

  const submit = () => {
    if (!source) return;
    start.mutate({ source, options: { skipSmtp, minConfidence, save, targetListId } }, { onSuccess: onStarted });
  };

  return (
    <Card withBorder radius="md" p="lg" data-testid="bulk-find-start">
      <Stack gap="md">
        <Title order={4}>Find many</Title>
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as SourceKind)}
          data={[
            { value: 'text', label: 'Paste CSV' },
            { value: 'file', label: 'Upload file' },
            { value: 'list', label: 'Leads without email' },
          ]}
          data-testid="bulk-find-source"
        />
        {kind === 'text' ? (
          <Textarea
            label="People, one per line with a header row"
            description="Columns: first_name, last_name (or full_name), and domain, company or website"
            placeholder={SAMPLE}
            autosize
            minRows={4}
            maxRows={12}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            data-testid="bulk-find-text"
          />
        ) : null}
        {kind === 'file' ? (
          <FileInput
            label="CSV or Excel file"
            description="A header row with name columns and a domain, company or website column"
            accept=".csv,.txt,.tsv,.xlsx"
            leftSection={<IconUpload size={16} />}
            value={file}
            onChange={setFile}
            clearable
            data-testid="bulk-find-file"
          />
        ) : null}
        {kind === 'list' ? (
          <Select label="List" placeholder="Pick a list" data={listOptions} value={listId} onChange={setListId} searchable data-testid="bulk-find-list" />
        ) : null}
        <Group gap="lg" align="flex-end">
          <Checkbox label="Guess by pattern only" checked={skipSmtp} onChange={(e) => setSkipSmtp(e.currentTarget.checked)} />
          <NumberInput label="Minimum confidence" min={0} max={100} w={160} value={minConfidence} onChange={(v) => setMinConfidence(typeof v === 'number' ? v : 0)} />
          <Checkbox
            label={kind === 'list' ? 'Save found addresses to the leads' : 'Add found people to a list'}
            checked={save}
            onChange={(e) => setSave(e.currentTarget.checked)}
            data-testid="bulk-find-save"
          />
          {save && kind !== 'list' ? (
            <Select placeholder="Target list" data={listOptions} value={targetListId} onChange={setTargetListId} searchable w={240} data-testid="bulk-find-target" />
          ) : null}
        </Group>
        <Text size="xs" c="dimmed">
          1 credit per address found; nothing when none is found.
        </Text>
        {start.error ? <FormAlert message={describeError(start.error)} title="The bulk find did not start" /> : null}
        <Group justify="flex-end">
          <Button leftSection={<IconPlayerPlay size={16} />} onClick={submit} disabled={!ready} loading={start.isPending} data-testid="bulk-find-start-button">
            Start finding
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
