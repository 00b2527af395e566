import { useState } from 'react';

/**
 * The cursors of the pages seen so far, so "previous" needs no backward query. Starts over
 * when `resetKey` (the view: filters, search, sort, page size) changes.
 */
export function useKeysetPages(resetKey: string) {
  const [state, setState] = useState<{ key: string; cursors: Array<string | null> }>({ key: resetKey, cursors: [null] });
  const cursors = state.key === resetKey ? state.cursors : [null];
  return {
    page: cursors.length,
    cursor: cursors[cursors.length - 1] ?? null,
    next: (cursor: string) => setState({ key: resetKey, cursors: [...cursors, cursor] }),
    prev: () => setState({ key: resetKey, cursors: cursors.length > 1 ? cursors.slice(0, -1) : cursors }),
    reset: () => setState({ key: resetKey, cursors: [null] }),
  };
}
