import { IconFileImport } from '@tabler/icons-react';
import type { FeatureRoute } from '../shell/feature-route';
import { ImportsPage } from './ImportsPage';

export const importsRoute: FeatureRoute = {
  path: 'imports',
  label: 'Imports',
  icon: IconFileImport,
  element: <ImportsPage />,
};
