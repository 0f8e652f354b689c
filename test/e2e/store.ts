/**
 * The conversation store as code-server keeps it on disk (the extension's global storage), read
 * from outside: what a test checks was really saved, not only shown.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { world } from './world';

export interface StoredConversation {
  id: string;
  turns: Array<{ role: string; status?: string; purpose?: string; content: Array<{ type: string; text?: string }> }>;
}

export function storeDir(): string {
  return path.join(world().codeServer.userDataDir, 'User', 'globalStorage', 'claude-messages.claude-messages');
}

/** Every conversation file that parses, newest first. A file being replaced this instant is skipped. */
export function storedConversations(): StoredConversation[] {
  const dir = storeDir();
  if (!fs.existsSync(dir)) return [];
  const found: Array<{ conversation: StoredConversation; mtime: number }> = [];
  for (const name of fs.readdirSync(dir)) {
    if (!name.endsWith('.json') || name === 'index.json') continue;
    try {
      const file = path.join(dir, name);
      const conversation = (JSON.parse(fs.readFileSync(file, 'utf8')) as { conversation: StoredConversation }).conversation;
      found.push({ conversation, mtime: fs.statSync(file).mtimeMs });
    } catch {
      // Mid-replace: the next look reads it whole.
    }
  }
  return found.sort((a, b) => b.mtime - a.mtime).map((f) => f.conversation);
}

/** Every stored conversation whose first question is `firstQuestion`. */
export function storedWith(firstQuestion: string): StoredConversation[] {
  return storedConversations().filter((c) => c.turns[0]?.content.some((b) => b.text === firstQuestion));
}

/** The text blocks of a stored conversation, questions and answers in order. */
export function texts(conversation: StoredConversation): string[] {
  return conversation.turns.flatMap((turn) => turn.content.filter((b) => b.type === 'text').map((b) => b.text ?? ''));
}

/** The questions a person typed (not tool results or "go on" requests), in order. */
export function questions(conversation: StoredConversation): string[] {
  return conversation.turns
    .filter((turn) => turn.role === 'user' && turn.purpose !== 'continue')
    .map((turn) => turn.content.filter((b) => b.type === 'text').map((b) => b.text ?? '').join('\n').trim())
    .filter((text) => text !== '');
}
