import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { chatCsp } from './csp';

/** A CSP nonce from the OS's CSPRNG (the samples' Math.random nonce is guessable). */
export function createNonce(): string {
  return randomBytes(18).toString('base64');
}

/** The local folders the chat webview may load from: the bundle and the stylesheet, nothing else. */
export function chatResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

/**
 * The chat webview's HTML: one nonce'd script, styles only from the extension, no inline data
 * (the state arrives in the first message after `ready`).
 */
export function chatHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = createNonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'chat.css'));
  const csp = chatCsp(webview.cspSource, nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>Claude Messages</title>
</head>
<body>
<div id="app"></div>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
