import { IconMailCheck } from '@tabler/icons-react';
import type { FeatureRoute } from '../shell/feature-route';
import { VerifyPage } from './VerifyPage';

export const verifyRoute: FeatureRoute = {
  path: 'verify',
  label: 'Verify',
  icon: IconMailCheck,
  element: <VerifyPage />,
};
