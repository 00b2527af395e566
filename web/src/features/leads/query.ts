import type { Query } from '../../api/client';
import type { FieldDef } from './fields';
import { isComplete, ruleCondition, type FilterRule } from './filters';

/** What the leads table asks for: quick search, filter rules, sort, a list, a saved view. Lives in the URL. */
export interface LeadsView {
  q: string;
  rules: FilterRule[];
  sort: string | null;
  order: 'asc' | 'desc' | null;
  listId: string | null;
  viewId: string | null;
  /** The trash: soft-deleted leads, restorable for 30 days. */
  trash: boolean;
}

/**
 * The query parameters of GET /leads (and of its count, bulk "match" and export scope) for a
 * view. Complete rules go as one `filter` tree joined with `and`; rules still being typed are
 * left out so that the table does not flash errors while the user builds a condition.
 */
export function leadQuery(view: LeadsView, fields: Map<string, FieldDef>): Query {
  const conditions = view.rules.filter(isComplete).map((r) => ruleCondition(r, fields.get(r.field)));
  const filter = conditions.length === 0 ? undefined : conditions.length === 1 ? conditions[0] : { and: conditions };
  return {
    q: view.q.trim() || undefined,
    filter: filter ? JSON.stringify(filter) : undefined,
    list_id: view.listId ?? undefined,
    view_id: view.viewId ?? undefined,
    deleted: view.trash ? 'true' : undefined,
    sort: view.sort ?? undefined,
    order: view.order ?? undefined,
  };
}

/** The filter tree of a view's rules, as an object (saved views store it so). */
export function filterTree(view: LeadsView, fields: Map<string, FieldDef>): Record<string, unknown> | undefined {
  const raw = leadQuery({ ...view, viewId: null }, fields).filter;
  return typeof raw === 'string' ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
}

export function readView(params: URLSearchParams, readRules: (raw: string | null) => FilterRule[]): LeadsView {
  const order = params.get('order');
  return {
    q: params.get('q') ?? '',
    rules: readRules(params.get('f')),
    sort: params.get('sort'),
    order: order === 'asc' || order === 'desc' ? order : null,
    listId: params.get('list'),
    viewId: params.get('view'),
    trash: params.get('trash') === '1',
  };
}
