import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { JobQueue } from '../domains/jobs/job-queue.js';
import type { VerifierNet } from '../domains/verify/ports.js';
import type { Db } from './db.js';
import { unauthenticated } from './errors.js';
import type { Logger } from './logger.js';
import type { Mailer } from './mailer.js';
import type { Role } from './roles.js';

/** Who is acting: a signed-in user, an API key, or the system itself (jobs, scheduler, CLI). */
export interface Actor {
  type: 'user' | 'api_key' | 'system' | 'anonymous';
  userId?: string;
  apiKeyId?: string;
  /** Role in ctx.workspaceId. */
  role?: Role;
  ip?: string;
  userAgent?: string;
}

/** Outside services a use case may need; adapters provide them, tests substitute them. */
export interface Services {
  mailer: Mailer;
  /** Where the jobs engine dispatches chunks (in-process or BullMQ); absent: workers find them by polling. */
  queue?: JobQueue;
  /** DNS and SMTP of the email verifier; absent: built from config.verify on first use. */
  verifier?: VerifierNet;
}

/**
 * Everything a use case receives besides its input. `db` may be a transaction; every query of
 * a workspace-scoped domain filters on `workspaceId`.
 */
export interface Ctx {
  db: Db;
  inTransaction: boolean;
  config: Config;
  log: Logger;
  clock: Clock;
  services: Services;
  actor: Actor;
  workspaceId?: string;
  requestId?: string;
}

export function requireWorkspaceId(ctx: Ctx): string {
  if (!ctx.workspaceId) throw unauthenticated('No workspace selected');
  return ctx.workspaceId;
}

export function requireUserId(ctx: Ctx): string {
  if (!ctx.actor.userId) throw unauthenticated('This action needs a signed-in user');
  return ctx.actor.userId;
}

/** A copy of the context acting for another actor / workspace. */
export const withActor = (ctx: Ctx, actor: Actor, workspaceId = ctx.workspaceId): Ctx => ({ ...ctx, actor, workspaceId });

export const systemActor: Actor = { type: 'system' };
