import { IconActivity } from '@tabler/icons-react';
import { ComingSoon } from '../shell/ComingSoon';

export function JobsPage() {
  return (
    <ComingSoon
      title="Jobs"
      icon={IconActivity}
      summary="Follow imports, verifications, enrichments and exports as they run."
      highlights={[
        'Watch progress, rate and time remaining live',
        'Pause, resume or cancel long jobs',
        'Download results and error reports',
      ]}
    />
  );
}
