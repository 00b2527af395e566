import { and, eq, inArray, isNull } from 'drizzle-orm';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { ensureLeadSource, leads, recordLeadActivity, stampProvenance, type LeadActivityInput } from '../leads/index.js';
import type { VerifyResult } from './types.js';

export interface LeadStatusWrite {
  /** The lead the address was taken from (list / filter sources); null: every live lead with the address. */
  leadId: string | null;
  result: VerifyResult;
}

/** The lead fields the verifier owns, as provenance names them. */
const STATUS_FIELDS = ['email_status', 'email_status_reason', 'email_verified_at'];

/**
 * Writes verification results to the leads' email status (email_status, reason, verified at),
 * with provenance (source `verifier`, ref: the job id or "single") and a `verified` activity
 * entry. A lead whose address changed since it was queued is left alone, and an unknown
 * answer never replaces a definite status: the lead keeps what is known. Returns the number of
 * leads updated. Runs inside the caller's transaction (a job chunk's).
 */
export async function writeLeadStatuses(ctx: Ctx, writes: LeadStatusWrite[], source: { ref: string; label?: string }): Promise<number> {
  const workspaceId = requireWorkspaceId(ctx);
  const usable = writes.filter((w) => w.result.reason !== 'invalid_syntax');
  if (usable.length === 0) return 0;
  const byLead = new Map(usable.filter((w) => w.leadId).map((w) => [w.leadId!, w.result]));
  const byEmail = new Map(usable.filter((w) => !w.leadId).map((w) => [w.result.email, w.result]));
  const columns = { id: leads.id, email: leads.emailNormalized, status: leads.emailStatus, provenance: leads.provenance };
  const live = and(eq(leads.workspaceId, workspaceId), isNull(leads.deletedAt));
  const rows = [
    ...(byLead.size ? await ctx.db.select(columns).from(leads).where(and(live, inArray(leads.id, [...byLead.keys()]))) : []),
    ...(byEmail.size ? await ctx.db.select(columns).from(leads).where(and(live, inArray(leads.emailNormalized, [...byEmail.keys()]))) : []),
  ];
  const now = ctx.clock.now();
  let sourceId: number | null = null;
  const activities: LeadActivityInput[] = [];
  const done = new Set<string>();
  for (const row of rows) {
    const result = byLead.get(row.id) ?? byEmail.get(row.email ?? '');
    if (!result || done.has(row.id) || row.email !== result.email) continue;
    if (result.status === 'unknown' && row.status && row.status !== 'unknown') continue;
    done.add(row.id);
    sourceId ??= await ensureLeadSource(ctx, { kind: 'verifier', ref: source.ref, label: source.label ?? null });
    await ctx.db
      .update(leads)
      .set({
        emailStatus: result.status,
        emailStatusReason: result.reason,
        emailVerifiedAt: now,
        provenance: stampProvenance(row.provenance, STATUS_FIELDS, sourceId, now),
        updatedAt: now,
      })
      .where(and(eq(leads.id, row.id), eq(leads.workspaceId, workspaceId)));
    activities.push({ leadId: row.id, type: 'verified', sourceId, data: { email: result.email, status: result.status, reason: result.reason, score: result.score, ...(source.ref !== 'single' ? { jobId: source.ref } : {}) } });
  }
  await recordLeadActivity(ctx, activities);
  return activities.length;
}
