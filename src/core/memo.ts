/**
 * A pure function of one string, with its results remembered for up to `capacity` distinct
 * inputs; past that the memory is dropped at once and refilled, so it stays bounded whatever
 * the volume. Bulk writes (a 1M-row import) repeat the same countries, companies, websites and
 * switchboard numbers many times: the normalizers behind them (libphonenumber, URL parsing,
 * legal-suffix stripping) are the costly part of a row. Results are shared between callers:
 * they must be treated as read-only.
 */
export function memoize<R>(fn: (input: string) => R, capacity = 20_000): (input: string) => R {
  let cache = new Map<string, R>();
  return (input: string) => {
    const hit = cache.get(input);
    if (hit !== undefined || cache.has(input)) return hit as R;
    const value = fn(input);
    if (cache.size >= capacity) cache = new Map();
    cache.set(input, value);
    return value;
  };
}
