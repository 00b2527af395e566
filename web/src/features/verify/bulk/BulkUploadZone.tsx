import '@mantine/dropzone/styles.css';
import { Group, Stack, Text } from '@mantine/core';
import { Dropzone, type FileRejection } from '@mantine/dropzone';
import { IconFileSpreadsheet, IconUpload, IconX } from '@tabler/icons-react';
import { useState } from 'react';

const ACCEPT = {
  'text/csv': ['.csv'],
  'text/plain': ['.txt'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'application/vnd.ms-excel': ['.csv'],
};

const sizeText = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** Drop or pick one CSV / XLSX file; the email column is found by the server. */
export function BulkUploadZone({ file, onFile }: { file: File | null; onFile: (f: File | null) => void }) {
  const [rejected, setRejected] = useState<string | null>(null);
  const onReject = (r: FileRejection[]) => setRejected(r[0] ? `${r[0].file.name}: only one CSV, TXT or XLSX file` : null);
  return (
    <Stack gap="xs">
      <Dropzone
        onDrop={(files) => {
          setRejected(null);
          onFile(files[0] ?? null);
        }}
        onReject={onReject}
        accept={ACCEPT}
        multiple={false}
        maxFiles={1}
        data-testid="bulk-dropzone"
      >
        <Group justify="center" gap="lg" mih={110} style={{ pointerEvents: 'none' }}>
          <Dropzone.Accept>
            <IconUpload size={40} stroke={1.5} />
          </Dropzone.Accept>
          <Dropzone.Reject>
            <IconX size={40} stroke={1.5} />
          </Dropzone.Reject>
          <Dropzone.Idle>
            <IconFileSpreadsheet size={40} stroke={1.5} />
          </Dropzone.Idle>
          <Stack gap={2}>
            <Text size="md">Drop a CSV or Excel file here, or click to choose one</Text>
            <Text size="xs" c="dimmed">
              The column with the addresses is found from its header (email, e-mail, work email…) or its values.
            </Text>
          </Stack>
        </Group>
      </Dropzone>
      {file ? (
        <Text size="sm" data-testid="bulk-file">
          Selected: <b>{file.name}</b> ({sizeText(file.size)})
        </Text>
      ) : null}
      {rejected ? (
        <Text size="sm" c="red" role="alert">
          {rejected}
        </Text>
      ) : null}
    </Stack>
  );
}
