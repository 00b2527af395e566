/**
 * Remembers the answers of a pure function of a string, for the last `size` keys or so (the
 * whole memo is dropped when full: simpler than an LRU and as good for lists, where a few
 * domains come back again and again).
 */
export function memoize<T>(fn: (key: string) => T, size = 50_000): (key: string) => T {
  let memo = new Map<string, T>();
  return (key) => {
    const hit = memo.get(key);
    if (hit !== undefined || memo.has(key)) return hit as T;
    const value = fn(key);
    if (memo.size >= size) memo = new Map();
    memo.set(key, value);
    return value;
  };
}
