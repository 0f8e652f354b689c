/**
 * The code execution container a conversation works in. Each reply that used code execution names
 * its container (`{id, expires_at}`); sending that id with the next request keeps the files and
 * state of earlier runs. The request builder decides whether it still lives; this file only finds
 * the latest one.
 */
import type { Container } from '../anthropic/types';
import { isRecord } from '../guards';
import type { Conversation } from './model';

/**
 * The message's container when it has the API's shape. Stored turns come from files and replies
 * from the network, so neither is trusted to have it.
 */
export function containerOf(value: unknown): Container | undefined {
  if (!isRecord(value)) return undefined;
  const { id, expires_at: expiresAt } = value;
  return typeof id === 'string' && id !== '' && typeof expiresAt === 'string' ? { id, expires_at: expiresAt } : undefined;
}

/**
 * The container of the newest assistant turn that names one. A later turn without one (a reply
 * that ran no code) does not end the container: it lives until it expires.
 */
export function latestContainer(conversation: Conversation): Container | undefined {
  for (let i = conversation.turns.length - 1; i >= 0; i--) {
    const turn = conversation.turns[i];
    if (turn?.role !== 'assistant') continue;
    const container = containerOf(turn.container);
    if (container) return container;
  }
  return undefined;
}
