/**
 * The `@` query and the file quick pick: workspace paths ranked for what was typed.
 *
 * A path matches when the query's characters appear in it in order (a subsequence, case
 * ignored). Matches score higher when they fall in the file name rather than the folders, when they
 * run together (contiguous), and when they start a name or a word. On an empty query the active
 * file comes first and the rest keep their order.
 */

export interface RankOptions {
  /** Workspace-relative path of the file in the active editor, if any. */
  activePath?: string;
  /** How many paths to return. */
  limit: number;
}

/** The paths that match `query`, best first, at most `limit`. */
export function rankPaths(paths: readonly string[], query: string, options: RankOptions): string[] {
  const q = query.trim().toLowerCase().replace(/\\/g, '/');
  if (q === '') {
    const active = options.activePath !== undefined && paths.includes(options.activePath) ? [options.activePath] : [];
    return [...active, ...paths.filter((p) => p !== options.activePath)].slice(0, options.limit);
  }
  const scored: Array<{ path: string; score: number }> = [];
  for (const path of paths) {
    const score = matchScore(path, q);
    if (score === undefined) continue;
    scored.push({ path, score: path === options.activePath ? score + 1 : score });
  }
  // Equal scores: shorter paths first, then alphabetical, so the order is stable.
  scored.sort((a, b) => b.score - a.score || a.path.length - b.path.length || a.path.localeCompare(b.path));
  return scored.slice(0, options.limit).map((s) => s.path);
}

/**
 * The score of `path` for a lower-case `query`, or undefined when it does not match. The file name
 * is tried first: a match wholly inside it beats any match spread over the folders.
 */
export function matchScore(path: string, query: string): number | undefined {
  const lower = path.toLowerCase();
  const nameStart = lower.lastIndexOf('/') + 1;
  const inName = subsequenceScore(lower, query, nameStart);
  if (inName !== undefined) return inName + 100 + (lower.slice(nameStart).startsWith(query) ? 50 : 0);
  return subsequenceScore(lower, query, 0);
}

/** Greedy subsequence match from `from`, preferring contiguous runs and word starts. */
function subsequenceScore(text: string, query: string, from: number): number | undefined {
  // A contiguous occurrence is the best a subsequence can do.
  const contiguous = text.indexOf(query, from);
  if (contiguous >= 0) return 40 + query.length * 3 + (isWordStart(text, contiguous) ? 10 : 0);
  let score = 0;
  let at = from;
  let previous = -2;
  for (const ch of query) {
    const found = text.indexOf(ch, at);
    if (found < 0) return undefined;
    score += found === previous + 1 ? 3 : 1;
    if (isWordStart(text, found)) score += 2;
    previous = found;
    at = found + 1;
  }
  return score;
}

function isWordStart(text: string, index: number): boolean {
  if (index === 0) return true;
  const before = text[index - 1] ?? '';
  return before === '/' || before === '.' || before === '-' || before === '_' || before === ' ';
}
