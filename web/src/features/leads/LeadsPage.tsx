import { IconUsers } from '@tabler/icons-react';
import { ComingSoon } from '../shell/ComingSoon';

export function LeadsPage() {
  return (
    <ComingSoon
      title="Leads"
      icon={IconUsers}
      summary="Every person and company in your workspace, searchable and editable."
      highlights={[
        'Search and filter leads by any field, including custom fields',
        'Edit leads, tag them and move them through stages',
        'See verification status, score and enrichment history per lead',
      ]}
    />
  );
}
