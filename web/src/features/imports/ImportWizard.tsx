import { Button, Card, Group, Stack, Stepper } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../api/errors';
import { FormAlert } from '../../components/FormAlert';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../auth/session';
import { RoleGate } from '../shell/RoleGate';
import { fetchPreview, isImportRunning, useCustomFields, useImport, useStartImport } from './api';
import { ImportRunStep } from './ImportRunStep';
import { MappingStep } from './MappingStep';
import { OptionsStep, type WizardOptions } from './OptionsStep';
import { PreviewStep } from './PreviewStep';
import type { StartImportBody, SuggestedColumn, UploadPreview } from './types';
import { UploadStep } from './UploadStep';
import { newCustomFieldsFor, optionsProblem } from './wizard-checks';

const STEPS = ['Upload', 'Preview', 'Mapping', 'Options', 'Import'] as const;
const DEFAULT_OPTIONS: WizardOptions = {
  list: { kind: 'none' },
  dedupe: 'skip',
  matchOn: ['email', 'linkedin'],
  duplicatesInFile: 'first',
  tags: [],
  verifyEmails: false,
  verifySkipSmtp: false,
};

/** Upload → preview → mapping → options → progress and summary, at /app/imports/new. */
export function ImportWizard() {
  return (
    <Stack gap="lg">
      <PageHeader
        title="New import"
        description="Bring leads in from a CSV or Excel file."
        actions={
          <Button component={Link} to="/app/imports" variant="default" leftSection={<IconArrowLeft size={16} />}>
            Import history
          </Button>
        }
      />
      <RoleGate min="member">
        <Wizard />
      </RoleGate>
    </Stack>
  );
}

function Wizard() {
  const [step, setStep] = useState(0);
  const [preview, setPreview] = useState<UploadPreview | null>(null);
  const [columns, setColumns] = useState<SuggestedColumn[]>([]);
  const [options, setOptions] = useState<WizardOptions>(DEFAULT_OPTIONS);
  const [reloading, setReloading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const customFields = useCustomFields();
  const start = useStartImport();
  const isAdmin = useCan('admin');
  const started = useImport(importId);
  const finished = Boolean(started.data && !isImportRunning(started.data.status));

  const takePreview = (p: UploadPreview) => {
    setPreview(p);
    setColumns(p.columns);
  };

  const reread = async (choice: { sheet?: string; hasHeader?: boolean }) => {
    if (!preview) return;
    setReloading(true);
    setError(null);
    try {
      const sheet = preview.info.format === 'xlsx' ? (choice.sheet ?? preview.info.sheet) : undefined;
      takePreview(await fetchPreview(preview.upload.uploadId, { sheet, hasHeader: choice.hasHeader ?? (choice.sheet ? undefined : preview.hasHeader) }));
    } catch (e) {
      setError(describeError(e));
    } finally {
      setReloading(false);
    }
  };

  const setField = (index: number, field: string | null) =>
    setColumns((cols) => cols.map((c) => (c.index === index ? { ...c, field, reason: 'manual' } : c)));

  const launch = async () => {
    if (!preview) return;
    setError(null);
    const body: StartImportBody = {
      uploadId: preview.upload.uploadId,
      mapping: columns.map(({ index, header, field }) => ({ index, header, field })),
      options: {
        dedupe: options.dedupe,
        matchOn: options.matchOn,
        duplicatesInFile: options.duplicatesInFile,
        tags: options.tags,
        verifyEmails: options.verifyEmails,
        verifySkipSmtp: options.verifyEmails && options.verifySkipSmtp,
        hasHeader: preview.hasHeader,
        ...(preview.info.format === 'xlsx' ? { sheet: preview.info.sheet } : {}),
      },
      ...(options.list.kind === 'existing' && options.list.listId ? { listId: options.list.listId } : {}),
      ...(options.list.kind === 'new' ? { newListName: options.list.name.trim() } : {}),
    };
    try {
      const record = await start.mutateAsync(body);
      setImportId(record.id);
      setStep(4);
    } catch (e) {
      setError(describeError(e));
    }
  };

  const mappedCount = columns.filter((c) => c.field).length;
  const blockedByCustomFields = !isAdmin && newCustomFieldsFor(columns, customFields.data ?? []).length > 0;
  const problem =
    step === 2 && mappedCount === 0
      ? 'Map at least one column.'
      : step === 2 && blockedByCustomFields
        ? 'Only admins can create custom fields: map the columns marked "New custom field" to a lead field or skip them.'
        : step === 3
          ? optionsProblem(options)
          : null;

  return (
    <Card withBorder radius="md" p="lg">
      <Stack gap="lg">
        <Stepper active={finished ? STEPS.length : step} size="sm" allowNextStepsSelect={false} onStepClick={(s) => (importId ? undefined : setStep(s))} data-testid="import-stepper">
          {STEPS.map((label) => (
            <Stepper.Step key={label} label={label} />
          ))}
        </Stepper>
        {step === 0 ? (
          <UploadStep
            onUploaded={(p) => {
              takePreview(p);
              setStep(1);
            }}
          />
        ) : null}
        {step === 1 && preview ? (
          <PreviewStep preview={preview} loading={reloading} onSheet={(sheet) => void reread({ sheet })} onHasHeader={(hasHeader) => void reread({ hasHeader })} />
        ) : null}
        {step === 2 && preview ? (
          <MappingStep columns={columns} rows={preview.rows} remembered={preview.remembered} customFields={customFields.data ?? []} onChange={setField} />
        ) : null}
        {step === 3 ? <OptionsStep value={options} onChange={setOptions} /> : null}
        {step === 4 && importId ? <ImportRunStep importId={importId} /> : null}
        <FormAlert message={error} />
        {step > 0 && step < 4 ? (
          <Group justify="space-between">
            <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => (setError(null), setStep(step - 1))} disabled={start.isPending}>
              {step === 1 ? 'Another file' : 'Back'}
            </Button>
            <Group gap="sm">
              {problem ? (
                <span role="status" data-testid="step-problem" style={{ fontSize: 'var(--mantine-font-size-sm)', color: 'var(--mantine-color-dimmed)' }}>
                  {problem}
                </span>
              ) : null}
              {step < 3 ? (
                <Button rightSection={<IconArrowRight size={16} />} onClick={() => (setError(null), setStep(step + 1))} disabled={Boolean(problem) || reloading} data-testid="wizard-next">
                  Next
                </Button>
              ) : (
                <Button leftSection={<IconPlayerPlay size={16} />} onClick={() => void launch()} disabled={Boolean(problem)} loading={start.isPending} data-testid="start-import">
                  Start the import
                </Button>
              )}
            </Group>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}
