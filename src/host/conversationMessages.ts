import type { ChatSession } from '../common/chat/chatSession';
import type { WebviewToHost } from '../common/protocol';
import { exportConversationToFile } from './chatEditorActions';
import type { Log } from './log';

/** What the view asks of the open conversation or the saved ones (history). */
const CONVERSATION_KINDS = [
  'newChat',
  'retry',
  'regenerate',
  'editAndResend',
  'continue',
  'openConversation',
  'renameConversation',
  'deleteConversation',
  'exportConversation',
] as const;

export type ConversationMessage = Extract<WebviewToHost, { type: (typeof CONVERSATION_KINDS)[number] }>;

export function isConversationMessage(message: WebviewToHost): message is ConversationMessage {
  return CONVERSATION_KINDS.some((kind) => kind === message.type);
}

/**
 * Runs a conversation message on the session. `refreshMeter` follows a change of the turns that
 * will be sent (the next request's count changed).
 */
export async function handleConversationMessage(session: ChatSession, message: ConversationMessage, refreshMeter: () => void, log: Log): Promise<void> {
  switch (message.type) {
    case 'newChat':
      return session.newChat();
    case 'retry':
      return session.retry();
    case 'regenerate':
      await session.turnActions.regenerate(message.turnId);
      return refreshMeter();
    case 'editAndResend':
      await session.turnActions.editAndResend(message.turnId, message.text);
      return refreshMeter();
    case 'continue':
      return session.continueReply();
    case 'openConversation':
      return session.open(message.id);
    case 'renameConversation':
      return session.rename(message.id, message.title);
    case 'deleteConversation':
      return session.delete(message.id);
    case 'exportConversation':
      return exportConversationToFile(session, message.id, message.format, log);
  }
}
