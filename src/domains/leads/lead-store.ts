import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { conflict, notFound, validationError } from '../../core/errors.js';
import { memberships } from '../workspaces/index.js';
import { customFields, leads, type LeadRow } from './leads.tables.js';
import type { CustomFieldDef } from './custom-values.js';
import type { LeadState } from './normalize-lead.js';

/** A lead of the context's workspace; deleted ones only when asked. */
export async function findLead(ctx: Ctx, id: string, options: { lock?: boolean; includeDeleted?: boolean } = {}): Promise<LeadRow> {
  const q = ctx.db
    .select()
    .from(leads)
    .where(and(eq(leads.id, id), eq(leads.workspaceId, requireWorkspaceId(ctx)), options.includeDeleted ? undefined : isNull(leads.deletedAt)));
  const [row] = options.lock ? await q.for('update') : await q;
  if (!row) throw notFound('Lead');
  return row;
}

export function stateOf(row: LeadRow): LeadState {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { id, workspaceId, createdAt, updatedAt, deletedAt, deletedBy, provenance, ...state } = row;
  return state;
}

export async function loadCustomFieldDefs(ctx: Ctx): Promise<CustomFieldDef[]> {
  return ctx.db
    .select({ key: customFields.key, label: customFields.label, type: customFields.type, options: customFields.options })
    .from(customFields)
    .where(eq(customFields.workspaceId, requireWorkspaceId(ctx)));
}

export async function assertOwnerIsMember(ctx: Ctx, ownerId: string | null | undefined) {
  if (!ownerId) return;
  const [m] = await ctx.db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, requireWorkspaceId(ctx)), eq(memberships.userId, ownerId)));
  if (!m) throw validationError('owner_id is not a member of this workspace', [{ path: 'owner_id', message: 'not a member' }]);
}

/** One live lead per normalized email per workspace (the unique index settles races). */
export async function assertEmailFree(ctx: Ctx, emailNormalized: string | null, exceptId?: string) {
  if (!emailNormalized) return;
  const [other] = await ctx.db
    .select({ id: leads.id })
    .from(leads)
    .where(
      and(
        eq(leads.workspaceId, requireWorkspaceId(ctx)),
        eq(leads.emailNormalized, emailNormalized),
        isNull(leads.deletedAt),
        exceptId ? ne(leads.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (other) throw duplicateEmail(emailNormalized, other.id);
}

export const duplicateEmail = (email: string, leadId?: string) =>
  conflict(`A lead with the email ${email} already exists`, { field: 'email', ...(leadId && { leadId }) });
