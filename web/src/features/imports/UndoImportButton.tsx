import { IconArrowBackUp } from '@tabler/icons-react';
import { ConfirmButton } from '../../components/ConfirmButton';
import { useCan } from '../auth/session';
import { isImportRunning, useUndoImport } from './api';
import type { ImportRecord, UndoReport } from './types';

/** Undo behind a confirmation; the report (removed, restored, kept because changed since) goes to `onUndone`. */
export function UndoImportButton({ record, onUndone }: { record: ImportRecord; onUndone: (report: UndoReport) => void }) {
  const canUndo = useCan('member');
  const undo = useUndoImport(record.id);
  if (!canUndo || record.status === 'undone' || isImportRunning(record.status)) return null;
  const { created, updated } = record.counts;
  return (
    <ConfirmButton
      variant="light"
      size="sm"
      leftSection={<IconArrowBackUp size={16} />}
      title="Undo this import?"
      message={
        <>
          This removes the {created.toLocaleString()} leads the import created and puts back the fields it changed on{' '}
          {updated.toLocaleString()} leads. Leads that someone changed since the import are left as they are and listed. An import can be undone once.
        </>
      }
      confirmLabel="Undo the import"
      onConfirm={async () => onUndone(await undo.mutateAsync())}
      data-testid="undo-import"
    >
      Undo import
    </ConfirmButton>
  );
}
