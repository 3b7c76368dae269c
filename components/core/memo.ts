/**
 * Bounded memos for pure functions whose inputs repeat across a fleet (a handful of schedules, time
 * zones, SLO windows, strings): computed once per run, never grown without bound.
 */

/**
 * The value `cache` holds under `key`, computed by `compute` and kept when it holds none. The
 * cache is emptied once it holds `limit` values.
 */
export function remembered<K, V>(cache: Map<K, V>, limit: number, key: K, compute: () => V): V {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const value = compute();
  if (cache.size >= limit) cache.clear();
  cache.set(key, value);
  return value;
}
