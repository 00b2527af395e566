import { Button, Group, Modal, Radio, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Query } from '../../../api/client';
import { describeError } from '../../../api/errors';
import { FormAlert } from '../../../components/FormAlert';
import type { FieldDef } from '../fields';
import { useStartExport, type ExportFormat } from './api';
import { ExportColumnsPicker } from './ExportColumnsPicker';
import { ExportProgress } from './ExportProgress';

interface Props {
  onClose: () => void;
  /** The table's query without paging and sort. */
  match: Query;
  selectedIds: string[] | null;
  listId: string | null;
  fields: FieldDef[];
  /** The table's columns: the export starts from them. */
  columns: string[];
}

type Scope = 'selection' | 'list' | 'filter' | 'all';

/** Export the selection, the list, the filter or everything: format, columns in order, progress, download. */
export function ExportDialog({ onClose, match, selectedIds, listId, fields, columns }: Props) {
  const start = useStartExport();
  const [exportId, setExportId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [format, setFormat] = useState<ExportFormat>('csv');
  const options = [{ id: 'id', label: 'Lead id' }, ...fields.map((f) => ({ id: f.id, label: f.label }))];
  const [picked, setPicked] = useState(() => ['id', ...columns.filter((c) => fields.some((f) => f.id === c))]);
  // Everything matching the table's query (search, filter, saved view, list): sent as the export's `query`. Exports hold live leads only, never the trash.
  const query = Object.fromEntries(Object.entries(match).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const narrowed = !query.deleted && Object.keys(query).some((k) => k !== 'list_id');
  const scopes: Array<{ value: Scope; label: string }> = [
    ...(selectedIds?.length ? [{ value: 'selection' as const, label: `The ${selectedIds.length.toLocaleString()} selected leads` }] : []),
    ...(listId ? [{ value: 'list' as const, label: 'Every lead of this list' }] : []),
    ...(narrowed ? [{ value: 'filter' as const, label: 'Every lead matching the search and filters' }] : []),
    { value: 'all', label: 'Every lead of the workspace' },
  ];
  const [scope, setScope] = useState<Scope>(scopes[0]!.value);

  const submit = async () => {
    setError(null);
    try {
      const exp = await start.mutateAsync({
        format,
        columns: picked,
        ...(scope === 'selection' ? { leadIds: selectedIds! } : {}),
        ...(scope === 'list' ? { listId: listId! } : {}),
        ...(scope === 'filter' ? { query } : {}),
      });
      setExportId(exp.id);
    } catch (e) {
      setError(describeError(e));
    }
  };

  return (
    <Modal opened onClose={onClose} title="Export leads" centered size="lg">
      {exportId ? (
        <ExportProgress exportId={exportId} />
      ) : (
        <Stack>
          <Radio.Group label="Which leads" value={scope} onChange={(v) => setScope(v as Scope)}>
            <Stack gap={6} mt={6}>
              {scopes.map((s) => (
                <Radio key={s.value} value={s.value} label={s.label} data-testid={`export-scope-${s.value}`} />
              ))}
            </Stack>
          </Radio.Group>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Format
            </Text>
            <SegmentedControl
              aria-label="Format"
              value={format}
              onChange={(v) => setFormat(v as ExportFormat)}
              data={[
                { value: 'csv', label: 'CSV' },
                { value: 'xlsx', label: 'Excel (XLSX)' },
                { value: 'json', label: 'JSON' },
              ]}
            />
          </Stack>
          <ExportColumnsPicker options={options} value={picked} onChange={setPicked} />
          <Text size="xs" c="dimmed">
            Values starting with = + - @ are neutralized so spreadsheets do not run them. Every export is in the audit log.
          </Text>
          <FormAlert message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button onClick={() => void submit()} loading={start.isPending} data-testid="export-start">
              Export
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
