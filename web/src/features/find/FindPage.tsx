import { IconUserSearch } from '@tabler/icons-react';
import { ComingSoon } from '../shell/ComingSoon';

export function FindPage() {
  return (
    <ComingSoon
      title="Find"
      icon={IconUserSearch}
      summary="Find work email addresses from a name and a company."
      highlights={[
        'Find one email from first name, last name and domain',
        'Run bulk finds from a file',
        'Verify every found address automatically',
      ]}
    />
  );
}
