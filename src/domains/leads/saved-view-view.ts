import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import type { LeadViewRow, SavedViewQuery } from './leads.tables.js';

export interface SavedView {
  id: string;
  name: string;
  query: SavedViewQuery;
  columns: string[];
  sort: string | null;
  order: 'asc' | 'desc' | null;
  shared: boolean;
  createdBy: string | null;
  /** The caller created it (may change it even when not an admin). */
  mine: boolean;
  createdAt: string;
  updatedAt: string;
}

export function toSavedView(ctx: Ctx, row: LeadViewRow): SavedView {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    columns: row.columns,
    sort: row.sort,
    order: row.order,
    shared: row.shared,
    createdBy: row.createdBy,
    mine: !!ctx.actor.userId && row.createdBy === ctx.actor.userId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const savedViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  query: z.object({ q: z.string().optional(), filter: z.unknown().optional(), list_id: z.string().optional() }),
  columns: z.array(z.string()),
  sort: z.string().nullable(),
  order: z.enum(['asc', 'desc']).nullable(),
  shared: z.boolean(),
  createdBy: z.string().nullable(),
  mine: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
