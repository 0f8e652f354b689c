/**
 * Three-way merge of two copies of one conversation: the one on disk (another window wrote it
 * since this window last read or wrote the file) and this window's, against `base`, the file as
 * this window last read or wrote it.
 *
 * Turns have unique ids, so the merge is a union: the disk's turns in the disk's order, then this
 * window's turns the disk does not have, in this window's order (a question and its answer stay
 * together). A turn both copies have is taken from whichever side changed it since `base` (a reply
 * still streaming here is this window's); when both did, or there is no base, this window's copy
 * wins. A turn one side dropped since `base` (a regenerated reply moved into the earlier versions
 * of its question, the turns after an edited question) stays dropped when the other side left it
 * as it was; a turn the other side changed meanwhile is kept, so nothing written is lost. The title and model are taken the same way: this window's if it changed
 * them, else the disk's, so a rename made in another window survives a save made here.
 */
import type { Conversation, StoredTurn } from './model';
import { parseConversation } from './serialization';
import { stableStringify } from './stableJson';

export interface MergeResult {
  merged: Conversation;
  /** Whether the merge took anything from the disk that this window's copy did not have. */
  tookFromDisk: boolean;
}

const key = (turn: StoredTurn): string => stableStringify(turn, 0);

export function mergeConversations(disk: Conversation, mine: Conversation, base: Conversation | undefined): MergeResult {
  let tookFromDisk = false;
  const mineById = new Map(mine.turns.map((turn) => [turn.id, turn]));
  const baseById = new Map((base?.turns ?? []).map((turn) => [turn.id, key(turn)]));
  const diskIds = new Set(disk.turns.map((turn) => turn.id));
  const turns: StoredTurn[] = disk.turns.map((diskTurn) => {
    const myTurn = mineById.get(diskTurn.id);
    const baseKey = baseById.get(diskTurn.id);
    if (!myTurn) {
      // Dropped here since base, and untouched on disk: it stays dropped.
      if (baseKey !== undefined && key(diskTurn) === baseKey) return undefined;
      tookFromDisk = true;
      return diskTurn;
    }
    const mineChanged = baseKey === undefined || key(myTurn) !== baseKey;
    const diskChanged = baseKey === undefined || key(diskTurn) !== baseKey;
    if (diskChanged && !mineChanged) {
      tookFromDisk = true;
      return diskTurn;
    }
    // This window's object itself, so a reply streaming into it keeps streaming into the merge.
    return myTurn;
  }).filter((turn) => turn !== undefined);
  for (const turn of mine.turns) {
    if (diskIds.has(turn.id)) continue;
    const baseKey = baseById.get(turn.id);
    // Dropped by the other window since base, and unchanged here: dropped in the merge too.
    if (baseKey !== undefined && key(turn) === baseKey) {
      tookFromDisk = true;
      continue;
    }
    turns.push(turn);
  }
  const pick = <K extends 'title' | 'model'>(field: K): Conversation[K] => {
    if (base !== undefined && mine[field] === base[field] && disk[field] !== mine[field]) {
      tookFromDisk = true;
      return disk[field];
    }
    return mine[field];
  };
  const merged: Conversation = {
    ...disk,
    ...mine,
    title: pick('title'),
    model: pick('model'),
    createdAt: Math.min(disk.createdAt, mine.createdAt),
    updatedAt: Math.max(disk.updatedAt, mine.updatedAt),
    turns,
  };
  return { merged, tookFromDisk };
}

/**
 * Merges `disk` into `conversation` in place, so the caller's object (the one a reply may be
 * streaming into) stays the conversation; `baseText` is the file as that object last read or wrote
 * it. True when the merge took something from the disk.
 */
export function mergeFromDisk(conversation: Conversation, disk: Conversation, baseText: string | undefined): boolean {
  let base: Conversation | undefined;
  try {
    base = baseText === undefined ? undefined : parseConversation(baseText);
  } catch {
    base = undefined;
  }
  disk.id = conversation.id;
  const { merged, tookFromDisk } = mergeConversations(disk, conversation, base);
  Object.assign(conversation, merged);
  return tookFromDisk;
}
