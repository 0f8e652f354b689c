import * as vscode from 'vscode';
import { isRecord } from '../../common/guards';
import { modelPick, type ModelPickItem } from '../../common/models/modelChoice';
import type { ModelCatalog } from '../modelCatalog';
import { readSettings, writeSetting } from '../settings';
import { CommandIds } from './ids';

/** The open chat's model, and how to change it (the chat may not have started). */
export interface OpenChatModel {
  current(): string | undefined;
  set(model: string): void;
}

/**
 * Quick pick of the one model list (the chat picker's: the endpoint's models, else the built-in
 * ones), with a warning item when the current model is not offered. The pick becomes the default
 * for new chats (claudeMessages.model) and the open chat's model too, since whoever runs the
 * command means "use this model now"; the chat's model chip changes that chat only.
 */
export function registerSelectModel(catalog: ModelCatalog, chat: OpenChatModel): vscode.Disposable {
  // A keybinding can pass `{ "model": "claude-…" }` to switch without the quick pick.
  return vscode.commands.registerCommand(CommandIds.selectModel, async (args?: unknown) => {
    const given = isRecord(args) && typeof args['model'] === 'string' && args['model'] !== '' ? args['model'] : undefined;
    const picked = given ?? (await pickModel(catalog, chat.current() ?? readSettings().request.model));
    if (!picked) return;
    await writeSetting('model', picked);
    chat.set(picked);
  });
}

/** Opens at once (busy while the endpoint's list loads), then shows the list; the chosen id or undefined. */
async function pickModel(catalog: ModelCatalog, current: string): Promise<string | undefined> {
  const quickPick = vscode.window.createQuickPick<ModelPickItem>();
  quickPick.title = 'Claude Messages: Select Model';
  quickPick.placeholder = `Current: ${current}`;
  quickPick.matchOnDescription = true;
  quickPick.busy = true;
  const chosen = new Promise<string | undefined>((resolve) => {
    quickPick.onDidAccept(() => {
      resolve(quickPick.selectedItems[0]?.id);
      quickPick.hide();
    });
    quickPick.onDidHide(() => resolve(undefined));
  });
  quickPick.show();
  try {
    await catalog.load();
    const { items, placeHolder } = modelPick(current, catalog.choice(current));
    quickPick.items = items;
    quickPick.activeItems = items.filter((item) => item.picked).slice(0, 1);
    quickPick.placeholder = placeHolder;
    quickPick.busy = false;
    return await chosen;
  } finally {
    quickPick.dispose();
  }
}
