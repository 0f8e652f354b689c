/**
 * Large binary payloads (the base64 data of attached images and PDFs) are stored once per
 * conversation file, not once per turn: on save each one moves into a table keyed by the SHA-256
 * of its text, and the block keeps `blob: <hash>` in place of `data`; on load the data is put
 * back. The same image sent in two turns (or re-attached) is therefore written once, and a
 * restored conversation sends exactly the bytes it sent before, keeping its cache prefix.
 */
import { createHash } from 'node:crypto';
import type { Conversation, StoredTurn } from './model';

/** Smaller payloads stay inline: a table entry would cost more than it saves. */
export const MIN_BLOB_CHARS = 1024;

/** The table of payloads by SHA-256 (hex) of their base64 text. */
export type BlobTable = Record<string, string>;

interface Base64Source {
  type: 'base64';
  data?: string;
  blob?: string;
  [key: string]: unknown;
}

function sourceOf(block: unknown): Base64Source | undefined {
  const source = (block as { source?: unknown } | null)?.source as Base64Source | undefined;
  return source && typeof source === 'object' && source.type === 'base64' ? source : undefined;
}

function mapUserBlocks(turn: StoredTurn, map: (block: unknown) => unknown): StoredTurn {
  if (turn.role !== 'user') return turn;
  const content = turn.content.map((b) => map(b)) as typeof turn.content;
  return content.some((b, i) => b !== turn.content[i]) ? { ...turn, content } : turn;
}

/** A copy of the conversation with large payloads replaced by references, and the table. */
export function packBlobs(conversation: Conversation): { conversation: Conversation; blobs: BlobTable } {
  const blobs: BlobTable = {};
  const turns = conversation.turns.map((turn) =>
    mapUserBlocks(turn, (block) => {
      const source = sourceOf(block);
      if (!source || typeof source.data !== 'string' || source.data.length < MIN_BLOB_CHARS) return block;
      const hash = createHash('sha256').update(source.data).digest('hex');
      blobs[hash] = source.data;
      const { data: _data, ...rest } = source;
      return { ...(block as object), source: { ...rest, blob: hash } };
    }),
  );
  return { conversation: { ...conversation, turns }, blobs };
}

/**
 * Puts the payloads back. A reference whose payload is missing (a damaged file) is an error the
 * caller reports; the block is never sent without its data.
 * @throws Error naming the missing blob.
 */
export function unpackBlobs(conversation: Conversation, blobs: BlobTable): Conversation {
  const turns = conversation.turns.map((turn) =>
    mapUserBlocks(turn, (block) => {
      const source = sourceOf(block);
      if (!source || typeof source.blob !== 'string') return block;
      const data = blobs[source.blob];
      if (typeof data !== 'string') throw new Error(`An attachment's data (blob ${source.blob.slice(0, 12)}…) is missing from the file.`);
      const { blob: _blob, ...rest } = source;
      return { ...(block as object), source: { ...rest, data } };
    }),
  );
  return { ...conversation, turns };
}
