import { AppShell, Burger, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet } from 'react-router';
import { Brand } from '../../components/Brand';
import { useCurrentWorkspace } from '../auth/session';
import { NotificationsBell } from '../notifications/NotificationsBell';
import { NoWorkspace } from '../workspaces/NoWorkspace';
import { WorkspaceSwitcher } from '../workspaces/WorkspaceSwitcher';
import { AppNavbar } from './AppNavbar';
import type { FeatureRoute } from './feature-route';
import { UserMenu } from './UserMenu';
import { VerifyEmailBanner } from './VerifyEmailBanner';

/** The signed-in app: header (workspace, account), navbar (features), and the current page. */
export function AppLayout({ routes }: { routes: FeatureRoute[] }) {
  const [navOpened, { toggle, close }] = useDisclosure(false);
  const workspace = useCurrentWorkspace();

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !navOpened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger opened={navOpened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Link to="/app" aria-label="Leadforge home" style={{ textDecoration: 'none', color: 'inherit' }}>
              <Brand compact />
            </Link>
            <WorkspaceSwitcher />
          </Group>
          <Group gap="xs" wrap="nowrap">
            {workspace ? <NotificationsBell /> : null}
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" data-testid="app-navbar">
        <AppNavbar routes={routes} onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main bg="var(--mantine-color-gray-0)">
        <VerifyEmailBanner />
        {workspace ? <Outlet /> : <NoWorkspace />}
      </AppShell.Main>
    </AppShell>
  );
}
