/**
 * Reads tool input JSON that may have been cut off (a `max_tokens` stop in the middle of a
 * `tool_use` block). Complete JSON takes the fast path through `JSON.parse`; only a failure pays
 * for the repair, which keeps every member that arrived whole and closes what was left open.
 */

interface Cut {
  /** Text up to here is a valid prefix once the open containers are closed. */
  end: number;
  /** The closers for the containers open at that point, innermost last. */
  closers: string;
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * Parses `text` as JSON; if it does not parse, repairs a truncated document: first by closing an
 * open string and the open containers, then by cutting back to the last complete member. Returns
 * `undefined` when nothing sensible can be made of it.
 */
export function parsePartialJson(text: string): unknown {
  const direct = tryParse(text);
  if (direct.ok) return direct.value;

  const stack: string[] = [];
  const cuts: Cut[] = [];
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') {
      stack.push(ch === '{' ? '}' : ']');
      cuts.push({ end: i + 1, closers: [...stack].reverse().join('') });
    } else if (ch === '}' || ch === ']') {
      stack.pop();
      if (stack.length > 0) cuts.push({ end: i + 1, closers: [...stack].reverse().join('') });
    } else if (ch === ',') {
      cuts.push({ end: i, closers: [...stack].reverse().join('') });
    }
  }

  // The common truncation: inside a string value, or right after a complete scalar.
  const open = [...stack].reverse().join('');
  let tail = text;
  // A dangling backslash would escape the closing quote; drop it.
  if (inString) tail = (escaped ? tail.slice(0, -1) : tail) + '"';
  const closed = tryParse(tail.replace(/[\s,:]+$/, '') + open);
  if (closed.ok) return closed.value;

  for (let c = cuts.length - 1; c >= 0; c--) {
    const cut = cuts[c];
    if (!cut) continue;
    const attempt = tryParse(text.slice(0, cut.end) + cut.closers);
    if (attempt.ok) return attempt.value;
  }
  return undefined;
}
