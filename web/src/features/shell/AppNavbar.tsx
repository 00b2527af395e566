import { NavLink, ScrollArea, Stack } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { roleAtLeast } from '../../lib/roles';
import { useRole } from '../auth/session';
import type { FeatureRoute } from './feature-route';

/** The left navigation, built from the same list of feature routes the router uses. */
export function AppNavbar({ routes, onNavigate }: { routes: FeatureRoute[]; onNavigate?: () => void }) {
  const role = useRole();
  const { pathname } = useLocation();
  const visible = routes.filter((r) => !r.minRole || roleAtLeast(role, r.minRole));
  const link = (r: FeatureRoute) => {
    const to = `/app/${r.path}`;
    const active = pathname === to || pathname.startsWith(`${to}/`);
    return (
      <NavLink
        key={r.path}
        component={Link}
        to={to}
        label={r.label}
        leftSection={<r.icon size={18} stroke={1.6} />}
        active={active}
        aria-current={active ? 'page' : undefined}
        variant="light"
        onClick={onNavigate}
        style={{ borderRadius: 'var(--mantine-radius-md)' }}
      />
    );
  };
  return (
    <Stack component="nav" aria-label="Main" justify="space-between" h="100%" gap={0}>
      <ScrollArea type="auto" style={{ flex: 1 }}>
        <Stack gap={2}>{visible.filter((r) => r.navSection !== 'bottom').map(link)}</Stack>
      </ScrollArea>
      <Stack gap={2} pt="sm" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
        {visible.filter((r) => r.navSection === 'bottom').map(link)}
      </Stack>
    </Stack>
  );
}
