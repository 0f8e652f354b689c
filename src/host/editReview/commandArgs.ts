import * as vscode from 'vscode';
import type { HunkCommandArgs } from './types';

/** The document and hunk a review command acts on. */
export interface HunkTarget {
  readonly uri: vscode.Uri;
  /** Undefined: every pending hunk of the document. */
  readonly hunkId?: number;
}

/**
 * Reads the optional `{uri?, hunkId?}` argument of `claudeMessages.acceptEdit` / `rejectEdit`.
 * Commands can be invoked from anywhere (keybindings, the palette, other extensions) with anything,
 * so the argument is checked; without a usable `uri` the active editor's document is meant.
 * Undefined when there is nothing to act on.
 */
export function hunkTargetOf(arg: unknown): HunkTarget | undefined {
  const args: HunkCommandArgs = typeof arg === 'object' && arg !== null ? (arg as HunkCommandArgs) : {};
  const hunkId = typeof args.hunkId === 'number' && Number.isInteger(args.hunkId) ? args.hunkId : undefined;
  if (typeof args.uri === 'string' && args.uri !== '') {
    try {
      return { uri: vscode.Uri.parse(args.uri, true), hunkId };
    } catch {
      return undefined;
    }
  }
  const editor = vscode.window.activeTextEditor;
  return editor ? { uri: editor.document.uri, hunkId } : undefined;
}
