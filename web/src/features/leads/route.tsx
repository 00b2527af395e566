import { IconUsers } from '@tabler/icons-react';
import { Outlet } from 'react-router';
import type { FeatureRoute } from '../shell/feature-route';
import { LeadDrawer } from './drawer/LeadDrawer';
import { DuplicatesPage } from './duplicates/DuplicatesPage';
import { LeadsPage } from './LeadsPage';

export const leadsRoute: FeatureRoute = {
  path: 'leads',
  label: 'Leads',
  icon: IconUsers,
  element: <Outlet />,
  children: [
    { path: 'duplicates', element: <DuplicatesPage /> },
    {
      element: <LeadsPage />,
      children: [
        { index: true, element: null },
        { path: ':leadId', element: <LeadDrawer /> },
      ],
    },
  ],
};
