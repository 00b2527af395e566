import { IconUserSearch } from '@tabler/icons-react';
import type { FeatureRoute } from '../shell/feature-route';
import { FindPage } from './FindPage';

export const findRoute: FeatureRoute = {
  path: 'find',
  label: 'Find',
  icon: IconUserSearch,
  element: <FindPage />,
};
