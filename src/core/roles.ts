import { forbidden } from './errors.js';

export const ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

/** True when `role` is at least `min` (owner > admin > member > viewer). */
export const roleAtLeast = (role: Role | undefined, min: Role) => role !== undefined && RANK[role] >= RANK[min];

export function assertRole(role: Role | undefined, min: Role, action = 'do this') {
  if (!roleAtLeast(role, min)) throw forbidden(`Your role (${role ?? 'none'}) cannot ${action}; it needs ${min} or above.`);
}
