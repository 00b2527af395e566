import { IconFileImport } from '@tabler/icons-react';
import type { FeatureRoute } from '../shell/feature-route';
import { ImportDetailPage } from './ImportDetailPage';
import { ImportHistoryPage } from './ImportHistoryPage';
import { ImportsPage } from './ImportsPage';
import { ImportWizard } from './ImportWizard';

export const importsRoute: FeatureRoute = {
  path: 'imports',
  label: 'Imports',
  icon: IconFileImport,
  element: <ImportsPage />,
  children: [
    { index: true, element: <ImportHistoryPage /> },
    { path: 'new', element: <ImportWizard /> },
    { path: ':importId', element: <ImportDetailPage /> },
  ],
};
