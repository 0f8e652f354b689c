/** Markdown pieces the export shares between its files: fences content cannot break out of. */

/** `text` in a code fence longer than any backtick run inside it, so the content cannot close it. */
export function fenced(text: string, language: string): string[] {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${language}`, text, fence];
}

/** Inline code that survives backticks in `text` (a longer backtick run, padded when needed). */
export function inlineCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = longest > 0 ? ' ' : '';
  return `${ticks}${pad}${text.replace(/\s+/g, ' ')}${pad}${ticks}`;
}

/** Pretty JSON of any value ('null' for what JSON cannot hold). */
export function json(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? 'null';
}
