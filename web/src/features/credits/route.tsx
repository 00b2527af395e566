import { IconCoins } from '@tabler/icons-react';
import type { FeatureRoute } from '../shell/feature-route';
import { CreditsPage } from './CreditsPage';

export const creditsRoute: FeatureRoute = {
  path: 'credits',
  label: 'Credits',
  icon: IconCoins,
  element: <CreditsPage />,
};
