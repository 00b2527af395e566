import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { readRules, writeRules, type FilterRule } from './filters';
import { readView, type LeadsView } from './query';

/**
 * The table's view (search, filter rules, sort) and the list it is scoped to, in the URL, so a
 * view can be bookmarked, shared and restored with the back button.
 */
export function useLeadsView() {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => readView(params, readRules), [params]);

  const update = (patch: Record<string, string | null>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );

  return {
    view,
    listId: view.listId,
    setQuery: (q: string) => update({ q: q.trim() || null }),
    setRules: (rules: FilterRule[]) => update({ f: writeRules(rules) }),
    setSort: (sort: string, order: 'asc' | 'desc') => update({ sort, order }),
    setList: (id: string | null) => update({ list: id }),
    setTrash: (on: boolean) => update({ trash: on ? '1' : null }),
    /** Switches to a saved view (its search, filter and list apply on the server) or back to none. */
    setSavedView: (id: string | null) => update({ view: id, q: null, f: null, sort: null, order: null }),
    /** Replaces the whole view at once. */
    apply: (v: LeadsView) => update({ q: v.q || null, f: writeRules(v.rules), sort: v.sort, order: v.order, list: v.listId, view: v.viewId, trash: v.trash ? '1' : null }),
  };
}
