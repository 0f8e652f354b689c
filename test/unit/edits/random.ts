/** A small seeded PRNG (mulberry32), so property-style tests are reproducible. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
