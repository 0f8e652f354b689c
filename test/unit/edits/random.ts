/** The same seeded PRNG the client tests use, so property-style tests are reproducible. */
export { seededRandom as seeded } from '../anthropic/helpers';

const ALPHABET = ['a', 'b', 'c', ' ', '\t', '\n', '\r\n', '😀', 'é', 'x\n'];

/** A random text over a tiny alphabet (lots of repeats, line breaks of both kinds, astral chars). */
export function randomText(rand: () => number, maxPieces: number): string {
  let s = '';
  const n = Math.floor(rand() * maxPieces);
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(rand() * ALPHABET.length)] ?? '';
  return s;
}

/** `text` with a few random replacements at random code-point boundaries. */
export function randomlyEdited(rand: () => number, text: string): string {
  let out = text;
  const edits = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < edits; i++) {
    const chars = Array.from(out);
    const start = Math.floor(rand() * (chars.length + 1));
    const end = Math.min(chars.length, start + Math.floor(rand() * 4));
    out = chars.slice(0, start).join('') + randomText(rand, 4) + chars.slice(end).join('');
  }
  return out;
}
