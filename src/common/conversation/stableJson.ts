/**
 * JSON with object keys in sorted order, so the same data always gives the same text: stored
 * files and exports diff cleanly, and a write that changes nothing changes no byte.
 */

/** `JSON.stringify` with keys sorted at every level (arrays keep their order). */
export function stableStringify(value: unknown, indent = 2): string {
  return JSON.stringify(sortKeys(value), null, indent);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  }
  return sorted;
}
