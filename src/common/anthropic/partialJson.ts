/**
 * Reads tool input JSON that may have been cut off: a `max_tokens` stop in the middle of a
 * `tool_use` block, or a connection that drops while the input streams. The repair gives exactly
 * what @anthropic-ai/sdk's `MessageStream` exposes as the block's `input` (the conformance suite
 * compares both on recorded streams), so a message cut off here goes back to the API as the SDK
 * would send it:
 *
 * - every member and array item that arrived whole is kept, open objects and arrays are closed;
 * - a trailing string that never got its closing quote is dropped, as is a trailing number (more
 *   digits may have followed), a cut-off `true`/`false`/`null`, an object key still waiting for
 *   its value, and a trailing comma;
 * - anything that is not truncated JSON (a stray word, a mismatched bracket) is not repaired.
 *
 * Complete input takes the fast path through `JSON.parse`; only truncated input pays for the scan.
 */

type TokenKind = 'open' | 'close' | 'colon' | 'comma' | 'string' | 'number' | 'literal';

interface Token {
  kind: TokenKind;
  /** The token's text as it will be written back; a string keeps its quotes and escapes. */
  text: string;
  /** A number that runs to the very end of the input, where more digits may have been cut off. */
  atEnd?: boolean;
}

const LITERALS = ['true', 'false', 'null'];
const JSON_NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$/;

function isWhitespace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'));
}

/** The index of the quote that closes the string opened at `start - 1`, or -1 when it never closes. */
function closingQuote(text: string, start: number): number {
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') i++;
    else if (ch === '"') return i;
  }
  return -1;
}

/** The end of a number starting at `start`: a sign, digits, `.`, an exponent and its sign. */
function numberEnd(text: string, start: number): number {
  let i = text[start] === '-' ? start + 1 : start;
  for (; i < text.length; i++) {
    const ch = text[i];
    const exponentSign = (ch === '-' || ch === '+') && (text[i - 1] === 'e' || text[i - 1] === 'E');
    if (!(isDigit(ch) || ch === '.' || ch === 'e' || ch === 'E' || exponentSign)) break;
  }
  return i;
}

/** A word cut off by the end of the input, such as `nu` or `fals`. */
function isCutLiteral(word: string, rest: string): boolean {
  return LITERALS.some((literal) => literal !== word && literal.startsWith(word)) && [...rest].every(isWhitespace);
}

const PUNCTUATION: Record<string, TokenKind> = { '{': 'open', '[': 'open', '}': 'close', ']': 'close', ':': 'colon', ',': 'comma' };

/** The tokens of `text`; undefined when it holds something that is not a JSON token outside its strings. */
function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    const punctuation = PUNCTUATION[ch];
    if (punctuation) {
      tokens.push({ kind: punctuation, text: ch });
      i++;
    } else if (isWhitespace(ch)) {
      i++;
    } else if (ch === '"') {
      const end = closingQuote(text, i + 1);
      // An unclosed string is the cut-off tail: nothing after it can be read.
      if (end < 0) break;
      tokens.push({ kind: 'string', text: text.slice(i, end + 1) });
      i = end + 1;
    } else if (isDigit(ch) || ch === '-' || ch === '.') {
      const end = numberEnd(text, i);
      tokens.push({ kind: 'number', text: text.slice(i, end), atEnd: end === text.length });
      i = end;
    } else if (isLetter(ch)) {
      let end = i;
      while (isLetter(text[end])) end++;
      const word = text.slice(i, end);
      if (LITERALS.includes(word)) tokens.push({ kind: 'literal', text: word });
      else if (!isCutLiteral(word, text.slice(end))) return undefined;
      i = end;
    } else {
      return undefined;
    }
  }
  return tokens;
}

/** The innermost bracket still open after all tokens (closers pop whatever is open). */
function innermostOpen(tokens: readonly Token[]): string | undefined {
  const open: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'open') open.push(token.text);
    else if (token.kind === 'close') open.pop();
  }
  return open[open.length - 1];
}

/** How many leading tokens to keep: drops the incomplete tail (see the file comment). */
function keptLength(tokens: readonly Token[]): number {
  const innermost = innermostOpen(tokens);
  let length = tokens.length;
  while (length > 0) {
    const last = tokens[length - 1] as Token;
    const before = tokens[length - 2];
    if (last.kind === 'colon') {
      length--;
    } else if (last.kind === 'number' && (last.atEnd || !JSON_NUMBER.test(last.text))) {
      length--;
    } else if (last.kind === 'string' && innermost === '{' && (before?.kind === 'comma' || before?.text === '{')) {
      // A key without its value yet (in an array the same string would be a whole item).
      length--;
    } else {
      // A trailing comma goes, and what precedes it is complete.
      if (last.kind === 'comma') length--;
      return length;
    }
  }
  return length;
}

/** The closers for the brackets left open; undefined when a closer does not match its opener. */
function closers(tokens: readonly Token[]): string | undefined {
  const expected: string[] = [];
  for (const token of tokens) {
    if (token.text === '{') expected.push('}');
    else if (token.text === '[') expected.push(']');
    else if (token.kind === 'close' && expected.pop() !== token.text) return undefined;
  }
  return expected.reverse().join('');
}

function isScalar(token: Token | undefined): boolean {
  return token?.kind === 'string' || token?.kind === 'number' || token?.kind === 'literal';
}

/** The tokens written back as JSON text. */
function render(tokens: readonly Token[]): string {
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    // Two scalars in a row stay apart, so that malformed input such as `1 2` still fails to parse.
    if (isScalar(tokens[i - 1]) && isScalar(token)) out += ' ';
    out += token.text;
  }
  return out;
}

function parseOrUndefined(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** The last character of `text` that is not whitespace. */
function lastNonWhitespace(text: string): string | undefined {
  let i = text.length - 1;
  while (i >= 0 && isWhitespace(text[i])) i--;
  return text[i];
}

/**
 * Parses `text` as JSON, repairing a truncated document. Returns `{ value }`, or undefined when
 * nothing can be made of it (not JSON, or nothing complete arrived).
 */
export function parsePartialJson(text: string): { value: unknown } | undefined {
  // Complete tool input ends with its closing brace; a bare trailing number is not taken as whole.
  const last = lastNonWhitespace(text);
  if (last === '}' || last === ']') {
    const whole = parseOrUndefined(text);
    if (whole) return whole;
  }
  const tokens = tokenize(text);
  if (!tokens) return parseOrUndefined(text);
  const kept = tokens.slice(0, keptLength(tokens));
  const tail = closers(kept);
  return parseOrUndefined(tail === undefined ? text : render(kept) + tail);
}
