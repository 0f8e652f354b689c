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

/**
 * Token counts in a few characters: 950, 12.3k, 200k, 1M, 1.25M. One decimal under a million
 * (trailing ".0" dropped), two above, so the meter's figure stays short as it changes.
 */
export function formatCompactTokens(n: number): string {
  const value = Math.max(0, Math.round(n));
  if (value < 1000) return String(value);
  const thousands = Math.round(value / 100) / 10;
  if (thousands < 1000) return `${trimZeros(thousands.toFixed(1))}k`;
  return `${trimZeros((Math.round(value / 10_000) / 100).toFixed(2))}M`;
}

function trimZeros(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** 5242880 -> "5 MB", 1536 -> "1.5 KB": sizes in messages a person reads. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${trimZeros(value.toFixed(1))} ${units[unit]}`;
}
