import * as vscode from 'vscode';
import type { ModelCatalog } from '../modelCatalog';
import { readSettings, writeSetting } from '../settings';
import { CommandIds } from './ids';

/** Quick pick of the endpoint's models (or the built-in list); writes claudeMessages.model. */
export function registerSelectModel(catalog: ModelCatalog): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.selectModel, async () => {
    const current = readSettings().request.model;
    const picked = await vscode.window.showQuickPick(
      (async () => {
        await catalog.load();
        return catalog.options().map((option) => ({
          label: option.label,
          description: option.id === option.label ? undefined : option.id,
          detail: option.id === current ? 'current model' : undefined,
          picked: option.id === current,
          id: option.id,
        }));
      })(),
      { title: 'Claude Messages: Select Model', placeHolder: `Current: ${current}`, matchOnDescription: true },
    );
    if (picked) await writeSetting('model', picked.id);
  });
}
