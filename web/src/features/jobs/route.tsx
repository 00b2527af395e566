import { IconActivity } from '@tabler/icons-react';
import type { FeatureRoute } from '../shell/feature-route';
import { JobDetailDrawer } from './JobDetailDrawer';
import { JobsPage } from './JobsPage';

export const jobsRoute: FeatureRoute = {
  path: 'jobs',
  label: 'Jobs',
  icon: IconActivity,
  element: <JobsPage />,
  children: [{ path: ':jobId', element: <JobDetailDrawer /> }],
};
