import { IconCoins } from '@tabler/icons-react';
import { ComingSoon } from '../shell/ComingSoon';

export function CreditsPage() {
  return (
    <ComingSoon
      title="Credits"
      icon={IconCoins}
      summary="See the credits your workspace has and where they went."
      highlights={[
        'See the balance and what is reserved by running jobs',
        'Browse every grant, charge and refund',
        'Know what each operation costs before you run it',
      ]}
    />
  );
}
