/**
 * The store's stamp on each conversation file: which revision it is and which window wrote it.
 * A save is a compare-and-swap on the revision (see `store.ts`).
 *
 * The stamp lives in the file's envelope, beside `version` and `conversation`, not in the
 * conversation itself: it is the store's bookkeeping, not part of the model, and
 * `parseConversation` ignores envelope keys it does not know. It is written as the envelope's
 * first key, so reading it needs no parse of the whole (possibly large) file. Files written before
 * the stamp existed read as revision 0.
 */

export interface FileStamp {
  /** Starts at 1 and goes up by one with every write of the file. */
  revision: number;
  /** The window (store instance) that wrote this revision. */
  writerId: string;
}

export const UNSTAMPED: FileStamp = { revision: 0, writerId: '' };

const STAMP_KEY = 'store';
const STAMP_PREFIX = /^\{"store":(\{[^{}]*\})/;

/** `serialized` (a JSON object's text, from `serializeConversation`) with the stamp as its first key. */
export function stampText(serialized: string, stamp: FileStamp): string {
  if (!serialized.startsWith('{') || serialized.trimEnd().length < 2) {
    throw new Error('A conversation file must be a JSON object.');
  }
  const rest = serialized.slice(1);
  const separator = rest.trimStart().startsWith('}') ? '' : ',';
  return `{"${STAMP_KEY}":${JSON.stringify({ revision: stamp.revision, writerId: stamp.writerId })}${separator}${rest}`;
}

/** The stamp of a file's text; {@link UNSTAMPED} when it has none. */
export function readStamp(text: string): FileStamp {
  const match = STAMP_PREFIX.exec(text);
  if (!match?.[1]) return UNSTAMPED;
  try {
    const data: unknown = JSON.parse(match[1]);
    if (typeof data !== 'object' || data === null) return UNSTAMPED;
    const { revision, writerId } = data as Record<string, unknown>;
    if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 0 || typeof writerId !== 'string') return UNSTAMPED;
    return { revision, writerId };
  } catch {
    return UNSTAMPED;
  }
}

export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.revision === b.revision && a.writerId === b.writerId;
}
