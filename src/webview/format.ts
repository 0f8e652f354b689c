/** Number formatting for usage lines; fixed locale so figures read the same everywhere. */

/**
 * 12345 -> "12,345". Done by hand: the first `toLocaleString` call loads ICU data, tens of
 * milliseconds in the frame that ends a reply.
 */
export function formatTokens(n: number): string {
  const rounded = Math.round(n);
  const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return rounded < 0 ? `-${digits}` : digits;
}

/** Dollars with enough digits to show small per-turn costs: $0.0042, $1.27. */
export function formatDollars(dollars: number): string {
  if (dollars === 0) return '$0.00';
  return dollars < 1 ? `$${dollars.toFixed(4)}` : `$${dollars.toFixed(2)}`;
}

/** 0.456 -> "46%". */
export function formatPercent(ratio: number): string {
  return `${Math.round(Math.min(Math.max(ratio, 0), 1) * 100)}%`;
}

/** Whether a URL may be handed to the host to open: http and https only. */
export function isWebUrl(url: string | null | undefined): url is string {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}
