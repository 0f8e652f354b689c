/**
 * Type guards shared by every layer, including the webview (it is a leaf: it imports nothing, so
 * anything may depend on it without risking an import circle).
 */

/** A plain JSON object: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The default of a switch that must handle every case: a case left out makes `value` something
 * other than `never`, which fails to compile. Throws if reached anyway (a value the types ruled
 * out arrived at run time).
 */
export function assertNever(value: never): never {
  const kind = isRecord(value) ? value['type'] : value;
  throw new Error(`Unhandled case: ${String(kind)}`);
}
