/**
 * The conversation as the API reads it: content blocks with their position (for the error paths the
 * API names, `messages.2.content.0`), and turns. The API merges consecutive messages of the same role
 * into one turn, so pairing rules (tool_use -> tool_result, prefill) look at turns, not messages.
 * Mid-conversation `role: "system"` messages sit between turns and take no part in pairing.
 */
import { isRecord } from '../http';

/** A content block and where it sits in the request. */
export interface Located {
  block: Record<string, unknown>;
  message: number;
  position: number;
}

/** Consecutive user or assistant messages, merged as the API merges them. */
export interface Turn {
  role: 'user' | 'assistant';
  /** Index of the first message of the turn. */
  message: number;
  blocks: Located[];
}

/** The messages array of a body (the shape check has made sure it is an array). */
export function messagesOf(body: Record<string, unknown>): unknown[] {
  return Array.isArray(body.messages) ? body.messages : [];
}

/** A message's content as blocks: a string is one text block. */
export function blocksOf(message: unknown, index: number): Located[] {
  if (!isRecord(message)) return [];
  const content = message.content;
  if (typeof content === 'string') return [{ block: { type: 'text', text: content }, message: index, position: 0 }];
  if (!Array.isArray(content)) return [];
  return content.flatMap((block: unknown, position) => (isRecord(block) ? [{ block, message: index, position }] : []));
}

/** Every content block of every message, in order. */
export function allBlocks(body: Record<string, unknown>): Located[] {
  return messagesOf(body).flatMap((message, index) => blocksOf(message, index));
}

/** The user and assistant turns, consecutive same-role messages merged. */
export function turnsOf(body: Record<string, unknown>): Turn[] {
  const turns: Turn[] = [];
  messagesOf(body).forEach((message, index) => {
    const role = isRecord(message) ? message.role : undefined;
    if (role !== 'user' && role !== 'assistant') return;
    const last = turns[turns.length - 1];
    if (last && last.role === role) last.blocks.push(...blocksOf(message, index));
    else turns.push({ role, message: index, blocks: blocksOf(message, index) });
  });
  return turns;
}

/** `messages.N.content.M`, the path the API puts in front of a block's error. */
export function pathOf(located: Located): string {
  return `messages.${located.message}.content.${located.position}`;
}

/** The ids of a turn's blocks of one type (`tool_use`, `server_tool_use`). */
export function idsOf(turn: Turn | undefined, type: string): string[] {
  return (turn?.blocks ?? []).flatMap(({ block }) => (block.type === type && typeof block.id === 'string' ? [block.id] : []));
}

/**
 * Whether the final assistant turn is a `pause_turn` continuation: it ends on a `server_tool_use`
 * whose result is not in the turn yet (the server tool the API paused on and runs on resend).
 */
export function endsOnPausedServerTool(turn: Turn): boolean {
  const last = turn.blocks[turn.blocks.length - 1]?.block;
  if (!last || last.type !== 'server_tool_use' || typeof last.id !== 'string') return false;
  return !turn.blocks.some(({ block }) => block.tool_use_id === last.id);
}
