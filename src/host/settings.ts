import * as vscode from 'vscode';
import { parseSettings, type ExtensionSettings } from '../common/settings/parseSettings';

const SECTION = 'claudeMessages';

/**
 * Reads the current settings (parsed and checked in `src/common/settings`). Cheap: call it per
 * request so changes apply at once.
 */
export function readSettings(): ExtensionSettings {
  return parseSettings(vscode.workspace.getConfiguration(SECTION));
}

/** Writes one setting where the user keeps it (workspace value if one exists, else user). */
export async function writeSetting(name: string, value: unknown): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const inspected = config.inspect(name);
  const target = inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update(name, value, target);
}

/** Fires when any claudeMessages.* setting changes; `affects` tells whether a full setting id is among them. */
export function onSettingsChanged(listener: (affects: (settingId: string) => boolean) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SECTION)) listener((settingId) => event.affectsConfiguration(settingId));
  });
}
