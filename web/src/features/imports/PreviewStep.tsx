import { Alert, Badge, Group, Select, Stack, Switch, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { delimiterName, formatBytes } from './format';
import { PreviewTable } from './PreviewTable';
import type { UploadPreview } from './types';

interface Props {
  preview: UploadPreview;
  /** True while another sheet or header choice is being read. */
  loading: boolean;
  onSheet: (sheet: string) => void;
  onHasHeader: (hasHeader: boolean) => void;
}

/** Step 2: what the server read — format, encoding, delimiter or sheet, header row — and the first rows. */
export function PreviewStep({ preview, loading, onSheet, onHasHeader }: Props) {
  const { info } = preview;
  return (
    <Stack gap="md" data-testid="preview-step">
      <Group gap="xs" data-testid="file-facts">
        <Badge variant="light" color="gray" data-testid="file-name">
          {preview.upload.fileName}
        </Badge>
        <Badge variant="light" color="gray">
          {formatBytes(preview.upload.bytes)}
        </Badge>
        <Badge variant="light" color="blue" data-testid="file-format">
          {info.format.toUpperCase()}
        </Badge>
        {info.format === 'csv' ? (
          <>
            <Badge variant="light" color="grape" data-testid="file-encoding">
              {info.encoding}
            </Badge>
            <Badge variant="light" color="grape" data-testid="file-delimiter">
              {delimiterName(info.delimiter)}-separated
            </Badge>
          </>
        ) : null}
      </Group>
      <Group align="flex-end" gap="xl">
        {info.format === 'xlsx' ? (
          <Select
            label="Sheet"
            data={info.sheets}
            value={info.sheet}
            onChange={(s) => s && onSheet(s)}
            allowDeselect={false}
            disabled={loading}
            w={260}
            data-testid="sheet-select"
          />
        ) : null}
        <Switch
          label="The first row holds the column names"
          description="Detected from the first rows; turn it off if the first row is data."
          checked={preview.hasHeader}
          onChange={(e) => onHasHeader(e.currentTarget.checked)}
          disabled={loading}
          data-testid="has-header"
        />
      </Group>
      {!preview.hasHeader ? (
        <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />} data-testid="no-header-note">
          No header row: the columns are named Column 1, 2, … and mapped from their values.
        </Alert>
      ) : null}
      <Text size="sm" c="dimmed">
        The first {Math.min(10, preview.rows.length)} rows, as they will be read:
      </Text>
      <PreviewTable headers={preview.headers} rows={preview.rows} />
    </Stack>
  );
}
