/**
 * Myers' O(ND) difference algorithm with the linear-space "middle snake" refinement, over arrays of
 * line ids. Memory stays O(N + M) however different the inputs are, and time is O((N + M)·D), fine
 * for files of a few thousand lines. Large and very different inputs would make that quadratic (a
 * str_replace rewriting half of a 1 MB file froze the extension host for seconds), so each search
 * gives up past a work budget and reports its range as one change: still a correct edit script,
 * only coarser.
 */

/** Roughly how many diagonal steps one middle-snake search may take before it gives up. */
const WORK_BUDGET = 20_000_000;
/** Edit distances up to this are always searched for, however long the inputs. */
const MIN_DISTANCE = 256;

/** The largest edit distance worth searching for between ranges of `n` and `m` elements. */
export function distanceLimit(n: number, m: number): number {
  return Math.max(MIN_DISTANCE, Math.floor(WORK_BUDGET / Math.max(1, n + m)));
}

/** A maximal run of changed elements: `a[aStart, aEnd)` becomes `b[bStart, bEnd)`. */
export interface DiffChange {
  readonly aStart: number;
  readonly aEnd: number;
  readonly bStart: number;
  readonly bEnd: number;
}

/**
 * Finds where the forward and backward searches meet. Returns the snake `(x, y) -> (u, v)` (absolute
 * indices, possibly empty) that lies on an optimal path, splitting the problem in two; undefined
 * when the ranges are further apart than {@link distanceLimit} allows.
 */
function middleSnake(
  a: Int32Array, aLo: number, aHi: number,
  b: Int32Array, bLo: number, bHi: number,
): [number, number, number, number] | undefined {
  const n = aHi - aLo;
  const m = bHi - bLo;
  const delta = n - m;
  const odd = (delta & 1) !== 0;
  // The searches meet by d = ceil((n + m) / 2); past the limit, stop (and size the arrays for it).
  const max = Math.min(Math.ceil((n + m) / 2), distanceLimit(n, m));
  const offset = max + 1;
  const vf = new Int32Array(2 * max + 3);
  const vb = new Int32Array(2 * max + 3);
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (vf[offset + k - 1] ?? 0) < (vf[offset + k + 1] ?? 0))
        ? (vf[offset + k + 1] ?? 0)
        : (vf[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      const x0 = x;
      const y0 = y;
      while (x < n && y < m && a[aLo + x] === b[bLo + y]) { x++; y++; }
      vf[offset + k] = x;
      const kr = delta - k;
      if (odd && kr >= -(d - 1) && kr <= d - 1 && x + (vb[offset + kr] ?? 0) >= n) {
        return [aLo + x0, bLo + y0, aLo + x, bLo + y];
      }
    }
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (vb[offset + k - 1] ?? 0) < (vb[offset + k + 1] ?? 0))
        ? (vb[offset + k + 1] ?? 0)
        : (vb[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      const x0 = x;
      const y0 = y;
      while (x < n && y < m && a[aHi - 1 - x] === b[bHi - 1 - y]) { x++; y++; }
      vb[offset + k] = x;
      const kf = delta - k;
      if (!odd && kf >= -d && kf <= d && x + (vf[offset + kf] ?? 0) >= n) {
        return [aHi - x, bHi - y, aHi - x0, bHi - y0];
      }
    }
  }
  // Only reached when `max` was cut short by the limit: the searches always meet by ceil((n + m) / 2).
  return undefined;
}

function diffRange(
  a: Int32Array, aLo: number, aHi: number,
  b: Int32Array, bLo: number, bHi: number,
  out: DiffChange[],
): void {
  while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) { aLo++; bLo++; }
  while (aLo < aHi && bLo < bHi && a[aHi - 1] === b[bHi - 1]) { aHi--; bHi--; }
  if (aLo === aHi && bLo === bHi) return;
  if (aLo === aHi || bLo === bHi) {
    out.push({ aStart: aLo, aEnd: aHi, bStart: bLo, bEnd: bHi });
    return;
  }
  // Both sides are non-empty and differ at both ends, so D >= 2 and each half is strictly smaller.
  const snake = middleSnake(a, aLo, aHi, b, bLo, bHi);
  if (snake === undefined) {
    out.push({ aStart: aLo, aEnd: aHi, bStart: bLo, bEnd: bHi });
    return;
  }
  const [x, y, u, v] = snake;
  diffRange(a, aLo, x, b, bLo, y, out);
  diffRange(a, u, aHi, b, v, bHi, out);
}

/**
 * A shortest edit script between `a` and `b` (compared with `===`), as changes in ascending order;
 * adjacent deletions and insertions are merged into one change.
 */
export function diffSequences(a: readonly string[], b: readonly string[]): DiffChange[] {
  // Compare small integers instead of strings in the hot loops.
  const ids = new Map<string, number>();
  const idOf = (s: string): number => {
    let id = ids.get(s);
    if (id === undefined) { id = ids.size; ids.set(s, id); }
    return id;
  };
  const ai = Int32Array.from(a, idOf);
  const bi = Int32Array.from(b, idOf);
  const raw: DiffChange[] = [];
  diffRange(ai, 0, ai.length, bi, 0, bi.length, raw);
  const merged: DiffChange[] = [];
  for (const c of raw) {
    const last = merged[merged.length - 1];
    if (last && last.aEnd === c.aStart && last.bEnd === c.bStart) {
      merged[merged.length - 1] = { aStart: last.aStart, aEnd: c.aEnd, bStart: last.bStart, bEnd: c.bEnd };
    } else {
      merged.push(c);
    }
  }
  return merged;
}
