import { IconBuilding, IconHistory, IconKey, IconUser, IconUsers, type TablerIcon } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { Role } from '../../api/types';
import { RoleGate } from '../shell/RoleGate';
import { ApiKeysPage } from './api-keys/ApiKeysPage';
import { AuditLogPage } from './audit/AuditLogPage';
import { MembersPage } from './members/MembersPage';
import { ProfilePage } from './profile/ProfilePage';
import { WorkspaceSettingsPage } from './workspace/WorkspaceSettingsPage';

export interface SettingsSection {
  path: string;
  label: string;
  icon: TablerIcon;
  element: ReactNode;
  /** Hidden from the tabs (and gated) below this role. */
  minRole?: Role;
}

/** The settings pages, in tab order; the router and the tabs both read this list. */
export const settingsSections: SettingsSection[] = [
  { path: 'profile', label: 'Profile', icon: IconUser, element: <ProfilePage /> },
  { path: 'workspace', label: 'Workspace', icon: IconBuilding, element: <WorkspaceSettingsPage /> },
  { path: 'members', label: 'Members', icon: IconUsers, element: <MembersPage /> },
  {
    path: 'api-keys',
    label: 'API keys',
    icon: IconKey,
    minRole: 'admin',
    element: (
      <RoleGate min="admin">
        <ApiKeysPage />
      </RoleGate>
    ),
  },
  {
    path: 'audit',
    label: 'Audit log',
    icon: IconHistory,
    minRole: 'admin',
    element: (
      <RoleGate min="admin">
        <AuditLogPage />
      </RoleGate>
    ),
  },
];
