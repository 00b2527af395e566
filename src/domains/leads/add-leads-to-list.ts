import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { assertNotArchived, getVisibleList } from '../lists/index.js';
import { addToLists, lockLeads } from './list-membership.js';

export const leadIdsSchema = z.array(z.uuid()).min(1, 'give at least one lead id').max(1000, 'at most 1000 leads per request');

/** Adds leads to a list the caller can see; leads already in it are skipped. Deleted leads are 404. */
export async function addLeadsToList(ctx: Ctx, input: { listId: string; leadIds: string[] }): Promise<{ added: number; leadCount: number }> {
  const leadIds = [...new Set(parseInput(leadIdsSchema, input.leadIds))];
  return withTransaction(ctx, async (tx) => {
    await lockLeads(tx, leadIds, { liveOnly: true });
    const list = await getVisibleList(tx, input.listId, { lock: true });
    assertNotArchived(list);
    const added = (await addToLists(tx, [list], leadIds)).get(list.id)!.length;
    return { added, leadCount: list.leadCount + added };
  });
}
