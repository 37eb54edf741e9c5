/**
 * Go's encoding/json writes the keys of a map sorted ("The map keys are sorted", encoding/json
 * Marshal docs), at every level; struct fields keep their declared order. Tools written in Go
 * that print a map[string]interface{} as JSON (helm get values, idpbuilder's secret data)
 * therefore never echo the key order of their input.
 */
export function sortedLikeGoMap<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => sortedLikeGoMap(item)) as T;
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, item]) => [key, sortedLikeGoMap(item)])) as T;
}
