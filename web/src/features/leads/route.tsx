import { IconUsers } from '@tabler/icons-react';
import type { FeatureRoute } from '../shell/feature-route';
import { LeadsPage } from './LeadsPage';

export const leadsRoute: FeatureRoute = {
  path: 'leads',
  label: 'Leads',
  icon: IconUsers,
  element: <LeadsPage />,
};
