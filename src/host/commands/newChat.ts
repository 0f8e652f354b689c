import * as vscode from 'vscode';
import type { ChatSession } from '../../common/chat/chatSession';
import type { ChatViewProvider } from '../chatView';
import { CommandIds } from './ids';

/** Starts a new conversation and shows the chat. */
export function registerNewChat(session: ChatSession, view: ChatViewProvider): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.newChat, async () => {
    await session.newChat();
    await view.reveal();
  });
}
