import type { Role } from '../../core/roles.js';
import type { users } from './auth.tables.js';

/** What the API shows of a user: never the password hash. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  emailVerified: boolean;
}

export interface WorkspaceView {
  id: string;
  name: string;
  role: Role;
}

/**
 * A signed-in session. `refreshToken` is the raw token: the HTTP adapter puts it in the
 * cookie (browsers) or in the body (API clients); the database keeps only its hash.
 */
export interface SessionView {
  accessToken: string;
  /** ISO 8601. */
  accessTokenExpiresAt: string;
  /** Absent when the session keeps its refresh token (switch-workspace). */
  refreshToken?: string;
  /** ISO 8601; when the refresh token stops working if not used. */
  refreshTokenExpiresAt?: string;
  user: UserView;
  workspace: WorkspaceView | null;
}

export type UserRow = typeof users.$inferSelect;

export const toUserView = (u: UserRow): UserView => ({
  id: u.id,
  email: u.email,
  name: u.name,
  emailVerified: u.emailVerifiedAt !== null,
});
