/**
 * Inline markdown bombs: marked's inline parser is quadratic in the emphasis and bracket
 * delimiters of one paragraph. For each bomb this prints the time marked takes on it unguarded
 * (before) and through the webview's guard (after: `splitHeavyRuns` routes the run to plain text,
 * and only the rest reaches marked), and the ratio. Goal: the guarded path stays in the tens of ms
 * at any size (linear in the text), while the unguarded one grows with the square.
 *
 * Node only (marked needs no DOM); the plain run's DOM cost in the view is one text node.
 */
import { Marked } from 'marked';
import { splitHeavyRuns } from '../src/webview/render/limits';

/** Repetitions: `*a` at 100,000 is the case from issue 12 (about 6 s unguarded); the rest are kept smaller so the bench ends. */
const BOMBS: Array<[string, string]> = [
  ['`*a` x 100,000', '*a'.repeat(100_000)],
  ['`*a` x 20,000', '*a'.repeat(20_000)],
  ['`_a` x 20,000', '_a'.repeat(20_000)],
  ['`**a` x 20,000', '**a'.repeat(20_000)],
  ['`~a` x 20,000', '~a'.repeat(20_000)],
  ['`[a](` x 20,000', '[a]('.repeat(20_000)],
];

function parser(): Marked {
  return new Marked({ gfm: true, breaks: false, async: false });
}

function timed(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/** The webview's path without the DOM: markdown parts to marked, plain parts left as text. */
function guarded(marked: Marked, text: string): void {
  for (const part of splitHeavyRuns(text)) if (part.kind === 'markdown') marked.parse(part.text, { async: false });
}

export async function benchMarkdownBombs(): Promise<void> {
  const marked = parser();
  // Warm both paths so the first bomb does not pay for cold code.
  for (let i = 0; i < 20; i++) {
    marked.parse('*a'.repeat(300), { async: false });
    guarded(marked, `x\n\n${'*a'.repeat(3_000)}`);
  }
  console.log('Markdown inline bombs (marked unguarded vs the webview guard, one paragraph each):');
  for (const [name, bomb] of BOMBS) {
    const text = `Before the bomb, *formatted*.\n\n${bomb}\n\nAfter it, **formatted**.`;
    // The guarded path first and best of three: the unguarded run leaves garbage whose collection
    // would otherwise land in the next measurement.
    const after = Math.min(...[0, 1, 2].map(() => timed(() => guarded(marked, text))));
    const before = timed(() => marked.parse(text, { async: false }));
    console.log(`  ${name.padEnd(18)} ${String(text.length).padStart(7)} chars: unguarded ${before.toFixed(0).padStart(6)} ms, guarded ${after.toFixed(1).padStart(6)} ms (${(before / Math.max(after, 0.01)).toFixed(0)}x)`);
  }
}
