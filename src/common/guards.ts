/**
 * Type guards shared by every layer, including the webview (it is a leaf: it imports nothing, so
 * anything may depend on it without risking an import circle).
 */

/** A plain JSON object: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
