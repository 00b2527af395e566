import { IconFileImport } from '@tabler/icons-react';
import { ComingSoon } from '../shell/ComingSoon';

export function ImportsPage() {
  return (
    <ComingSoon
      title="Imports"
      icon={IconFileImport}
      summary="Bring lead lists in from CSV and Excel files."
      highlights={[
        'Upload CSV or XLSX files with a million rows',
        'Map columns to lead fields, with suggestions',
        'Choose how duplicates are skipped, updated or merged',
      ]}
    />
  );
}
