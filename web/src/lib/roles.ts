import type { InvitableRole, Role } from '../api/types';

const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

/** True when `role` is at least `min` (owner > admin > member > viewer), as the server checks it. */
export const roleAtLeast = (role: Role | null | undefined, min: Role) => !!role && RANK[role] >= RANK[min];

export const ROLE_LABELS: Record<Role, string> = { owner: 'Owner', admin: 'Admin', member: 'Member', viewer: 'Viewer' };

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: 'Everything, including owners and deleting the workspace',
  admin: 'Members, API keys, settings and all data',
  member: 'Work with leads, lists, imports and jobs',
  viewer: 'Read-only access',
};

export const ROLE_COLORS: Record<Role, string> = { owner: 'grape', admin: 'indigo', member: 'teal', viewer: 'gray' };

export const INVITABLE_ROLES: InvitableRole[] = ['admin', 'member', 'viewer'];

export const roleOptions = (roles: readonly Role[]) => roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
