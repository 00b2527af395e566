import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { lists, visibleListsWhere } from '../lists/index.js';
import { findLead } from './lead-store.js';
import { loadSources } from './lead-sources.js';
import { toLeadView, type LeadDetailView } from './lead-view.js';
import { leadListItems } from './leads.tables.js';
import { expandProvenance, provenanceSourceIds } from './provenance.js';

/** One lead with its provenance and the lists (visible to the caller) it is in. Deleted leads too, marked by deleted_at. */
export async function getLead(ctx: Ctx, id: string): Promise<LeadDetailView> {
  const row = await findLead(ctx, id, { includeDeleted: true });
  const sources = await loadSources(ctx, provenanceSourceIds(row.provenance));
  const inLists = await ctx.db
    .select({ id: lists.id, name: lists.name })
    .from(leadListItems)
    .innerJoin(lists, eq(lists.id, leadListItems.listId))
    .where(and(eq(leadListItems.leadId, id), visibleListsWhere(ctx)))
    .orderBy(sql`lower(${lists.name})`);
  return { ...toLeadView(row), provenance: expandProvenance(row.provenance, sources), lists: inLists };
}
