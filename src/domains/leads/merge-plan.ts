import type { CustomValue } from './custom-values.js';
import { LEAD_FIELDS, type LeadField } from './fields.js';
import type { LeadPatch } from './lead-input.js';
import { toLeadView } from './lead-view.js';
import type { LeadRow } from './leads.tables.js';
import { FIELD_COLUMN } from './normalize-lead.js';

/** Fields that follow the stage's lead: a close date and revenue only make sense with their stage. */
const FOLLOW_STAGE: LeadField[] = ['closed_at', 'revenue'];

export interface MergePlan {
  /** The write to apply to the survivor (canonical fields, values as the API gives them). */
  patch: LeadPatch;
  custom: Record<string, CustomValue>;
  /** Which lead each field's value comes from (fields and custom.<key>). */
  origin: Map<string, string>;
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * Pure: which value wins for every field. A field named in `choices` takes that lead's value
 * (null included); otherwise the survivor's, or when it has none the first merged lead's that
 * has one. Tags are the union unless chosen; closed_at and revenue follow the stage.
 */
export function planMerge(survivor: LeadRow, others: LeadRow[], choices: Record<string, string>): MergePlan {
  const all = [survivor, ...others];
  const byId = new Map(all.map((r) => [r.id, r]));
  const origin = new Map<string, string>();
  const pick = (field: string, valueOf: (r: LeadRow) => unknown): LeadRow => {
    const chosen = choices[field] ? byId.get(choices[field]) : undefined;
    const lead = chosen ?? all.find((r) => !isEmpty(valueOf(r))) ?? survivor;
    origin.set(field, lead.id);
    return lead;
  };
  const views = new Map(all.map((r) => [r.id, toLeadView(r) as unknown as Record<string, unknown>]));
  const patch: Record<string, unknown> = {};
  for (const field of LEAD_FIELDS) {
    if (FOLLOW_STAGE.includes(field) || field === 'tags') continue;
    // The stage's lead is the first with a stage other than the default, unless chosen.
    const lead = field === 'stage' ? pick(field, (r) => (r.stage === 'new' ? null : r.stage)) : pick(field, (r) => r[FIELD_COLUMN[field]]);
    patch[field] = views.get(lead.id)![field];
  }
  const stageLead = origin.get('stage')!;
  for (const field of FOLLOW_STAGE) {
    origin.set(field, stageLead);
    patch[field] = views.get(stageLead)![field];
  }
  if (choices.tags) {
    patch.tags = pick('tags', (r) => r.tags).tags;
  } else {
    patch.tags = all.flatMap((r) => r.tags);
    origin.set('tags', survivor.id);
  }
  const custom: Record<string, CustomValue> = {};
  const keys = new Set(all.flatMap((r) => Object.keys(r.custom)));
  for (const key of keys) {
    const lead = pick(`custom.${key}`, (r) => r.custom[key]);
    const value = lead.custom[key];
    if (value !== undefined && value !== null) custom[key] = value;
  }
  return { patch: patch as LeadPatch, custom, origin };
}
