import { IconMailCheck } from '@tabler/icons-react';
import { ComingSoon } from '../shell/ComingSoon';

export function VerifyPage() {
  return (
    <ComingSoon
      title="Verify"
      icon={IconMailCheck}
      summary="Check that email addresses exist before you send."
      highlights={[
        'Verify one address or a whole list',
        'See status, reason and score for every address',
        'Catch typos, disposable domains and catch-all servers',
      ]}
    />
  );
}
