import { IconListDetails } from '@tabler/icons-react';
import type { FeatureRoute } from '../shell/feature-route';
import { ListsPage } from './ListsPage';

export const listsRoute: FeatureRoute = {
  path: 'lists',
  label: 'Lists',
  icon: IconListDetails,
  element: <ListsPage />,
};
