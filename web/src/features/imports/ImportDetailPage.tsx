import { Anchor, Button, Card, Code, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../lib/format';
import { useMemberNames } from '../settings/api';
import { useCustomFields, useImport } from './api';
import { delimiterName, formatBytes } from './format';
import { ImportMappingTable } from './ImportMappingTable';
import { ImportResult } from './ImportResult';
import type { ImportRecord, UndoReport } from './types';
import { UndoImportButton } from './UndoImportButton';
import { UndoReportAlert } from './UndoReportAlert';

const DEDUPE_LABELS: Record<string, string> = { skip: 'skipped', merge: 'empty fields filled', update: 'overwritten' };
const MATCH_LABELS: Record<string, string> = { email: 'email', linkedin: 'LinkedIn URL', name_company: 'name + company domain' };

/** /app/imports/:importId — counts, error report, mapping, options, and undo. */
export function ImportDetailPage() {
  const { importId = '' } = useParams();
  const record = useImport(importId);
  const customFields = useCustomFields();
  const [undone, setUndone] = useState<UndoReport | null>(null);
  return (
    <Stack gap="lg" data-testid="import-detail">
      <PageHeader
        title="Import"
        actions={
          <Button component={Link} to="/app/imports" variant="default" leftSection={<IconArrowLeft size={16} />}>
            Import history
          </Button>
        }
      />
      <QueryState isPending={record.isPending} error={record.error} onRetry={() => void record.refetch()}>
        {record.data ? (
          <Stack gap="lg">
            {undone ? <UndoReportAlert report={undone} /> : null}
            <Card withBorder radius="md" p="lg">
              <ImportResult record={record.data} actions={<UndoImportButton record={record.data} onUndone={setUndone} />} />
            </Card>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
              <Card withBorder radius="md" p="lg">
                <Stack gap="xs">
                  <Title order={5}>Mapping</Title>
                  <ImportMappingTable mapping={record.data.mapping} customFields={customFields.data ?? []} />
                </Stack>
              </Card>
              <Card withBorder radius="md" p="lg">
                <Stack gap="xs">
                  <Title order={5}>File and options</Title>
                  <ImportFacts record={record.data} />
                </Stack>
              </Card>
            </SimpleGrid>
          </Stack>
        ) : null}
      </QueryState>
    </Stack>
  );
}

const IN_FILE_LABELS: Record<string, string> = { first: 'the first row kept', merge: 'combined, gaps filled', last: 'combined, later rows win' };

function ImportFacts({ record }: { record: ImportRecord }) {
  const memberName = useMemberNames();
  const { file, options } = record;
  const facts: [string, ReactNode][] = [
    ['Started', `${formatDateTime(record.createdAt)} by ${record.createdBy.userId ? memberName(record.createdBy.userId) : 'an API key'}`],
    ['File', `${(file.format ?? '').toUpperCase()} · ${formatBytes(file.bytes)}${file.encoding ? ` · ${file.encoding}` : ''}${file.delimiter ? ` · ${delimiterName(file.delimiter)}-separated` : ''}${file.sheet ? ` · sheet ${file.sheet}` : ''}`],
    ['List', record.listId ? <Anchor component={Link} to={`/app/leads?list=${record.listId}`} size="sm">Its leads</Anchor> : 'none'],
    ['Matching leads', `on ${(options.matchOn ?? []).map((k) => MATCH_LABELS[k] ?? k).join(', ') || '—'}: ${DEDUPE_LABELS[options.dedupe ?? 'skip'] ?? options.dedupe}`],
    ['Repeated rows', IN_FILE_LABELS[options.duplicatesInFile ?? 'first'] ?? options.duplicatesInFile],
    ['Tags added', options.tags?.length ? options.tags.join(', ') : 'none'],
    ['Verify emails', options.verifyEmails ? `yes${options.verifySkipSmtp ? ', without SMTP' : ''}` : 'no'],
    ['Undone', record.undoneAt ? formatDateTime(record.undoneAt) : 'no'],
    ['Import id', <Code fz="xs">{record.id}</Code>],
  ];
  return (
    <Table verticalSpacing={4} fz="sm" data-testid="import-facts">
      <Table.Tbody>
        {facts.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Td w={140}>
              <Text size="sm" c="dimmed">
                {label}
              </Text>
            </Table.Td>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
