import '@mantine/dropzone/styles.css';
import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { Dropzone, type FileRejection } from '@mantine/dropzone';
import { IconFileSpreadsheet, IconUpload, IconX } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { describeError } from '../../api/errors';
import { FormAlert } from '../../components/FormAlert';
import { formatBytes } from './format';
import type { UploadPreview } from './types';
import { uploadImportFile } from './upload';

const ACCEPT = {
  'text/csv': ['.csv'],
  'text/plain': ['.txt', '.tsv'],
  'text/tab-separated-values': ['.tsv'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'application/vnd.ms-excel': ['.csv', '.xls'],
};

/**
 * Step 1: drop or pick one CSV / XLSX file; it is uploaded with a progress bar and the server
 * answers with the preview. A refused file (empty, header only, binary, too big) shows the
 * server's reason and the drop zone stays, so another file can be tried.
 */
export function UploadStep({ onUploaded }: { onUploaded: (preview: UploadPreview) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [fraction, setFraction] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const upload = async (picked: File) => {
    setFile(picked);
    setError(null);
    setFraction(0);
    abort.current = new AbortController();
    try {
      onUploaded(await uploadImportFile(picked, setFraction, abort.current.signal));
    } catch (e) {
      if ((e as Error).name !== 'AbortError') setError(describeError(e));
    } finally {
      setFraction(null);
      abort.current = null;
    }
  };

  const reject = (rejections: FileRejection[]) => {
    const first = rejections[0];
    setError(
      rejections.length > 1
        ? 'Drop one file at a time.'
        : `${first?.file.name ?? 'This file'} is not a CSV or Excel (.xlsx) file.`,
    );
  };

  const uploading = fraction !== null;
  return (
    <Stack gap="md">
      <Dropzone
        onDrop={(files) => files[0] && void upload(files[0])}
        onReject={reject}
        accept={ACCEPT}
        multiple={false}
        loading={uploading}
        disabled={uploading}
        data-testid="import-dropzone"
        aria-label="Drop a CSV or Excel file here, or click to choose one"
      >
        <Group justify="center" gap="xl" mih={160} style={{ pointerEvents: 'none' }}>
          <Dropzone.Accept>
            <IconUpload size={48} stroke={1.5} />
          </Dropzone.Accept>
          <Dropzone.Reject>
            <IconX size={48} stroke={1.5} />
          </Dropzone.Reject>
          <Dropzone.Idle>
            <IconFileSpreadsheet size={48} stroke={1.5} />
          </Dropzone.Idle>
          <div>
            <Text size="lg" inline>
              Drop a CSV or Excel file here, or click to choose one
            </Text>
            <Text size="sm" c="dimmed" inline mt={7}>
              Any delimiter and encoding; .xlsx workbooks let you pick the sheet. Large files are fine.
            </Text>
          </div>
        </Group>
      </Dropzone>
      {uploading && file ? (
        <Stack gap={4} data-testid="upload-progress">
          <Group justify="space-between">
            <Text size="sm">
              Uploading {file.name} ({formatBytes(file.size)})
            </Text>
            <Button size="compact-xs" variant="subtle" color="gray" onClick={() => abort.current?.abort()}>
              Cancel
            </Button>
          </Group>
          <Progress value={fraction * 100} animated={fraction >= 1} aria-label="Upload progress" />
          {fraction >= 1 ? (
            <Text size="xs" c="dimmed">
              Reading the file…
            </Text>
          ) : null}
        </Stack>
      ) : null}
      <FormAlert message={error} title={file ? `${file.name} cannot be imported` : 'This file cannot be imported'} />
    </Stack>
  );
}
