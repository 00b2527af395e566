import type { TablerIcon } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Role } from '../../api/types';

/**
 * One page of the signed-in app: its path under /app, its navbar entry and its element.
 * A feature exports one of these from `features/<area>/route.tsx` and adds it to `routes.tsx`.
 */
export interface FeatureRoute {
  /** Path under /app, e.g. 'leads'. */
  path: string;
  label: string;
  icon: TablerIcon;
  element: ReactNode;
  /** Nested pages (rendered through an <Outlet/> in `element`). */
  children?: RouteObject[];
  /** Lowest role that sees the navbar entry; the server enforces the real rule. */
  minRole?: Role;
  /** Where the navbar entry goes; settings sit apart at the bottom. */
  navSection?: 'main' | 'bottom';
}
