import { IconSettings } from '@tabler/icons-react';
import { Navigate } from 'react-router';
import type { FeatureRoute } from '../shell/feature-route';
import { settingsSections } from './sections';
import { SettingsLayout } from './SettingsLayout';

export const settingsRoute: FeatureRoute = {
  path: 'settings',
  label: 'Settings',
  icon: IconSettings,
  navSection: 'bottom',
  element: <SettingsLayout />,
  children: [
    { index: true, element: <Navigate to="profile" replace /> },
    ...settingsSections.map((s) => ({ path: s.path, element: s.element })),
  ],
};
