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

// ---------------------------------------------------------------------------------------------
// Credits (docs/CREDITS.md). Amounts come both as integer milli-credits (exact) and as credits.

export const LEDGER_KINDS = ['grant', 'reserve', 'charge', 'refund', 'release', 'reset', 'adjust'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export interface CreditBalance {
  balanceMilli: number;
  reservedMilli: number;
  availableMilli: number;
  monthlyAllowanceMilli: number;
  dailyCapMilli: number | null;
  lowBalanceThresholdMilli: number | null;
  balance: number;
  reserved: number;
  available: number;
  monthlyAllowance: number;
  dailyCap: number | null;
  lowBalanceThreshold: number | null;
  resetAt: string | null;
}

export interface CreditFeatureUsage {
  feature: string;
  usedMilli: number;
  used: number;
  chargedMilli: number;
  refundedMilli: number;
  charges: number;
  refunds: number;
}

export interface CreditUsageDay {
  date: string;
  usedMilli: number;
  used: number;
  featuresMilli: Record<string, number>;
}

export interface CreditUsage {
  from: string;
  to: string;
  groupBy: 'day';
  totalUsedMilli: number;
  totalUsed: number;
  features: CreditFeatureUsage[];
  days: CreditUsageDay[];
}

export interface CreditTransaction {
  id: string;
  kind: LedgerKind;
  amountMilli: number;
  amount: number;
  feature: string | null;
  reference: { type: string; id: string } | null;
  reservationId: string | null;
  reason: string | null;
  actorType: string;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  balanceAfterMilli: number;
  balanceAfter: number;
  reservedAfterMilli: number;
  createdAt: string;
}

export interface CreditTransactionsPage {
  items: CreditTransaction[];
  nextCursor: string | null;
}

export interface CreditMovement {
  ledgerId: string;
  balance: CreditBalance;
}

export interface CreditCost {
  feature: string;
  costMilli: number;
  cost: number;
  defaultMilli: number | null;
  source: 'default' | 'workspace';
}

// ---------------------------------------------------------------------------------------------
// Notifications

export interface AppNotification {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationsPage {
  items: AppNotification[];
  nextCursor: string | null;
  unreadCount: number;
}

// ---------------------------------------------------------------------------------------------
// Jobs (src/adapters/http/routes/jobs.routes.ts)

export const JOB_STATUSES = ['queued', 'running', 'paused', 'completed', 'failed', 'cancelled', 'partial'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const JOB_ITEM_STATUSES = ['pending', 'succeeded', 'failed', 'skipped', 'cancelled'] as const;
export type JobItemStatus = (typeof JOB_ITEM_STATUSES)[number];

export interface JobCounts {
  total: number;
  processed: number;
  succeeded: number;
  failed: number;
  skipped: number;
  /** 0–100, one decimal. */
  percent: number;
  itemsPerSecond: number | null;
  etaSeconds: number | null;
}

/** One event of GET /jobs/:id/events (and the body of GET /jobs/:id/progress). */
export interface JobProgress extends JobCounts {
  id: string;
  kind: string;
  status: JobStatus;
  error: string | null;
  updatedAt: string;
}

export interface Job extends JobCounts {
  id: string;
  kind: string;
  label: string | null;
  status: JobStatus;
  params: unknown;
  stats: Record<string, number>;
  error: string | null;
  feature: string | null;
  costPerItemMilli: number;
  retryRound: number;
  createdBy: { type: string; userId: string | null; apiKeyId: string | null };
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  heartbeatAt: string | null;
  updatedAt: string;
}

export interface JobsPage {
  items: Job[];
  nextCursor: string | null;
}

export interface JobItem {
  id: number;
  seq: number;
  ref: string;
  input: unknown;
  status: JobItemStatus;
  result: unknown;
  error: string | null;
  attempts: number;
  updatedAt: string | null;
}

export interface JobItemsPage {
  items: JobItem[];
  nextCursor: number | null;
}
