import * as vscode from 'vscode';
import { isRecord } from '../common/guards';

/** This extension's id (`publisher.name` in package.json). */
const EXTENSION_ID = 'claude-messages.claude-messages';

/** Whether package.json declares `settingId` with `"scope": "machine"`. */
function isMachineScoped(settingId: string): boolean {
  const manifest: unknown = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON;
  const contributes = isRecord(manifest) ? manifest['contributes'] : undefined;
  const configuration = isRecord(contributes) ? contributes['configuration'] : undefined;
  const sections: unknown[] = Array.isArray(configuration) ? configuration : [configuration];
  return sections.some((section) => {
    const properties = isRecord(section) ? section['properties'] : undefined;
    const setting = isRecord(properties) ? properties[settingId] : undefined;
    return isRecord(setting) && setting['scope'] === 'machine';
  });
}

/**
 * Opens the settings editor filtered to one of the extension's settings (the webview's validator
 * lets only `claudeMessages.*` ids through). In a remote window (code-server, SSH, WSL) a
 * machine-scoped setting such as the base URL is not listed under User at all, only under Remote,
 * so it is opened there; where that command does not exist (a local window) the usual editor opens.
 */
export async function openSetting(settingId: string): Promise<void> {
  if (isMachineScoped(settingId)) {
    try {
      // This one takes only the options object (a string would be dropped), unlike openSettings.
      await vscode.commands.executeCommand('workbench.action.openRemoteSettings', { query: settingId });
      return;
    } catch {
      // Not a remote window: its User settings list machine settings too.
    }
  }
  await vscode.commands.executeCommand('workbench.action.openSettings', settingId);
}
