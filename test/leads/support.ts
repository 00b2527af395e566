import type { Ctx } from '../../src/core/context.js';
import type { Role } from '../../src/core/roles.js';
import type { TestApp } from '../helpers/app.js';

/** A context acting as a signed-in user of `workspaceId` with `role`, for verb tests. */
export function userCtx(t: TestApp, workspaceId: string, userId: string, role: Role = 'owner'): Ctx {
  return { ...t.ctx(workspaceId), actor: { type: 'user', userId, role } };
}

export const json = (payload: unknown) => ({ payload: payload as Record<string, unknown> });
