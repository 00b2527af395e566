import { useCallback, useState } from 'react';
import { useCurrentWorkspace, useSession } from '../auth/session';
import { DEFAULT_COLUMNS } from './fields';

/**
 * The columns a user chose for the leads table, in order, remembered per user and workspace in
 * localStorage (column ids only: no lead data ever goes there).
 */
export function useColumns(): [string[], (columns: string[]) => void] {
  const userId = useSession().user.id;
  const workspaceId = useCurrentWorkspace()?.id ?? 'none';
  const storageKey = `leadforge:lead-columns:${userId}:${workspaceId}`;
  const [columns, setState] = useState<string[]>(() => read(storageKey));
  const setColumns = useCallback(
    (next: string[]) => {
      setState(next);
      try {
        localStorage.setItem(storageKey, JSON.stringify(next));
      } catch {
        // Storage full or disabled: the choice lasts for this page only.
      }
    },
    [storageKey],
  );
  return [columns, setColumns];
}

function read(key: string): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
    if (Array.isArray(parsed) && parsed.length > 0 && parsed.every((c) => typeof c === 'string')) return parsed as string[];
  } catch {
    // A damaged entry falls back to the defaults.
  }
  return DEFAULT_COLUMNS;
}
