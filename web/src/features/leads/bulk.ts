import { api, type Query } from '../../api/client';
import type { Stage } from './types';

/** What the bulk action bar can do to a selection (POST /leads/bulk, docs/LEADS.md). */
export type BulkAction =
  | { type: 'tag'; tags: string[] }
  | { type: 'untag'; tags: string[] }
  | { type: 'add_to_list'; list_id: string }
  | { type: 'remove_from_list'; list_id: string }
  | { type: 'set_stage'; stage: Stage }
  | { type: 'set_owner'; owner_id: string | null }
  | { type: 'delete' }
  | { type: 'restore' };

/** Up to 1,000 leads change at once; more run as a `leads.bulk` job. */
export type BulkResult = { mode: 'sync'; matched: number; changed: number } | { mode: 'job'; matched: number; jobId: string };

/** The leads a bulk action applies to: picked ids, or everything matching the table's query. */
export type BulkSelection = { ids: string[] } | { match: Query };

/** The table's query without its paging and sort: what "everything matching" means. */
export function matchOf(query: Query): Query {
  const match: Query = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '' && k !== 'sort' && k !== 'order' && k !== 'cursor' && k !== 'limit') match[k] = v;
  return match;
}

export const runBulkAction = (action: BulkAction, selection: BulkSelection) => api.post<BulkResult>('/leads/bulk', { action, ...selection });
