/** Shapes of the Foundation API (docs/API-FOUNDATION.md). */

export type Role = 'owner' | 'admin' | 'member' | 'viewer';
export type InvitableRole = Exclude<Role, 'owner'>;

export interface User {
  id: string;
  email: string;
  name: string;
  emailVerified: boolean;
}

export interface WorkspaceRef {
  id: string;
  name: string;
  role: Role;
}

export interface Session {
  accessToken: string;
  accessTokenExpiresAt: string;
  user: User;
  workspace: WorkspaceRef | null;
}

export interface Me {
  user: User;
  workspace: WorkspaceRef | null;
  workspaces: WorkspaceRef[];
}

export interface ListResponse<T> {
  items: T[];
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: string;
}

export interface Invitation {
  id: string;
  email: string;
  role: InvitableRole;
  invitedBy: string | null;
  expiresAt: string;
  createdAt: string;
}

export interface InvitationPreview {
  workspaceName: string;
  email: string;
  role: InvitableRole;
  expiresAt: string;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  role: InvitableRole;
  createdAt: string;
  lastUsedAt: string | null;
  createdBy: string | null;
}

export interface CreatedApiKey {
  apiKey: ApiKey;
  key: string;
}

export interface AuditEntry {
  id: string;
  action: string;
  actorType: string;
  actorUserId: string | null;
  actorEmail: string | null;
  actorApiKeyId: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  metadata: Record<string, unknown> | null;
  createdAt: string;
}

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}
