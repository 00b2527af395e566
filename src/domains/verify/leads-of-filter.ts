import type { Ctx } from '../../core/context.js';
import { validationError } from '../../core/errors.js';
import type { ItemSeed } from '../jobs/index.js';
import { listLeads, type ListLeadsQuery } from '../leads/index.js';

/** Parameters of GET /leads that are about paging or the trash, not about which leads. */
const NOT_FILTERS = ['limit', 'cursor', 'sort', 'order', 'deleted'];
const PAGE = 200;

/**
 * A leads filter as the leads list takes it (the query parameters of GET /leads), checked
 * now so that a bad filter is a 400 when the job is started, not a failed job later.
 */
export async function checkLeadsFilter(ctx: Ctx, filter: Record<string, string>): Promise<void> {
  const paging = Object.keys(filter).filter((k) => NOT_FILTERS.includes(k));
  if (paging.length > 0) throw validationError(`filter: ${paging.join(', ')} cannot be used in a filter`);
  await listLeads(ctx, { ...filter, has_email: 'true', limit: 1 } as ListLeadsQuery);
}

/** Items for the live leads matching a filter that have an email (ref: the address; input: the lead id), oldest first. */
export async function* leadsOfFilter(ctx: Ctx, filter: Record<string, string>): AsyncIterable<ItemSeed[]> {
  let cursor: string | undefined;
  do {
    const page = await listLeads(ctx, { ...filter, has_email: 'true', sort: 'created_at', order: 'asc', limit: PAGE, cursor } as ListLeadsQuery);
    const seeds = page.items.filter((l) => l.email).map((l) => ({ ref: l.email!, input: { leadId: l.id } }));
    if (seeds.length > 0) yield seeds;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
