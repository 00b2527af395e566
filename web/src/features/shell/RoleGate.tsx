import { Alert } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { Role } from '../../api/types';
import { ROLE_LABELS } from '../../lib/roles';
import { useCan, useRole } from '../auth/session';

/** Shows `children` only to `min` or above; others read why. */
export function RoleGate({ min, children }: { min: Role; children: ReactNode }) {
  const allowed = useCan(min);
  const role = useRole();
  if (allowed) return <>{children}</>;
  return (
    <Alert color="gray" variant="light" icon={<IconLock size={18} />} title="Not available to your role" data-testid="role-gate">
      This page needs the {ROLE_LABELS[min]} role or above; you are {role ? `a ${ROLE_LABELS[role]}` : 'not in a workspace'}. Ask an
      admin of this workspace if you need access.
    </Alert>
  );
}
