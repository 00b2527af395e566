import { IconListDetails } from '@tabler/icons-react';
import { ComingSoon } from '../shell/ComingSoon';

export function ListsPage() {
  return (
    <ComingSoon
      title="Lists"
      icon={IconListDetails}
      summary="Group leads into lists for campaigns, exports and CRM pushes."
      highlights={[
        'Create static lists and saved searches',
        'Add or remove leads in bulk',
        'Export a list or push it to your CRM',
      ]}
    />
  );
}
