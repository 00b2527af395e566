import { Stack, Tabs } from '@mantine/core';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { roleAtLeast } from '../../lib/roles';
import { useRole } from '../auth/session';
import { settingsSections } from './sections';

export function SettingsLayout() {
  const role = useRole();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = pathname.split('/')[3] ?? 'profile';
  const visible = settingsSections.filter((s) => !s.minRole || roleAtLeast(role, s.minRole));

  return (
    <Stack gap={0} maw={1100}>
      <PageHeader title="Settings" description="Your profile, this workspace, its members, API keys and audit log." />
      <Tabs value={current} onChange={(v) => v && navigate(`/app/settings/${v}`)} mb="lg" keepMounted={false}>
        <Tabs.List aria-label="Settings sections">
          {visible.map((s) => (
            <Tabs.Tab key={s.path} value={s.path} leftSection={<s.icon size={16} stroke={1.6} />}>
              {s.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </Stack>
  );
}
