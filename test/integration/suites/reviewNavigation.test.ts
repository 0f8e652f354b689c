import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EditReviewController } from '../../../src/host/editReview/controller';
import { registerReviewNavigation } from '../../../src/host/editReview/navigation';
import { ORIGINAL_SCHEME } from '../../../src/host/editReview/originalText';

// The extension under test registers the real commands with its own controller; these ids drive
// the same command code against the suite's controller.
const IDS = {
  acceptAll: 'claudeMessagesTest.acceptAllEdits',
  rejectAll: 'claudeMessagesTest.rejectAllEdits',
  next: 'claudeMessagesTest.nextEditChange',
  previous: 'claudeMessagesTest.previousEditChange',
  openDiff: 'claudeMessagesTest.openEditDiff',
};

const BEFORE = 'l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\n';
// Three hunks: line 2 changed, line 5 removed, a line added at the end.
const AFTER = 'l1\nL2\nl3\nl4\nl6\nl7\nl8\nl9\n';

describe('edit review: navigation, Accept All / Reject All, Open as Diff', () => {
  let controller: EditReviewController;
  let commands: vscode.Disposable;

  beforeEach(() => {
    controller = new EditReviewController();
    commands = registerReviewNavigation(controller, IDS);
  });

  afterEach(() => {
    commands.dispose();
    controller.dispose();
  });

  async function underReview(): Promise<vscode.TextEditor> {
    const doc = await vscode.workspace.openTextDocument({ content: BEFORE, language: 'plaintext' });
    const editor = await vscode.window.showTextDocument(doc);
    const result = await controller.propose(doc, { snapshotText: BEFORE, snapshotVersion: doc.version, after: AFTER, label: 'nav' });
    assert.deepEqual(result, { ok: true, hunks: 3 });
    return editor;
  }

  it('next and previous move the caret from change to change, wrapping round, and name the change', async () => {
    const editor = await underReview();
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const visits: Array<[string | undefined, number]> = [];
    for (const id of [IDS.next, IDS.next, IDS.next, IDS.next, IDS.previous, IDS.previous]) {
      const label = await vscode.commands.executeCommand<string | undefined>(id);
      visits.push([label, editor.selection.active.line]);
      assert.ok(editor.selection.isEmpty, 'the caret lands without a selection');
    }
    // Hunks start at lines 1 (L2), 4 (the removed l5 sat before l6) and 7 (l9).
    assert.deepEqual(visits, [
      ['Change 1 of 3', 1],
      ['Change 2 of 3', 4],
      ['Change 3 of 3', 7],
      ['Change 1 of 3', 1],
      ['Change 3 of 3', 7],
      ['Change 2 of 3', 4],
    ]);
  });

  it('Accept All keeps every change and ends the review; Reject All restores the original', async () => {
    const editor = await underReview();
    assert.equal(await vscode.commands.executeCommand(IDS.acceptAll), true);
    assert.equal(controller.hasPending(editor.document.uri), false);
    assert.equal(editor.document.getText(), AFTER);
    assert.equal(await vscode.commands.executeCommand(IDS.next), undefined, 'nothing left to visit');

    const second = await underReviewAgain(editor);
    assert.equal(await vscode.commands.executeCommand(IDS.rejectAll, { uri: second.document.uri.toString() }), true);
    assert.equal(second.document.getText(), AFTER, 'back to the text before the second proposal');
    assert.equal(controller.hasPending(second.document.uri), false);
  });

  async function underReviewAgain(editor: vscode.TextEditor): Promise<vscode.TextEditor> {
    const doc = editor.document;
    const result = await controller.propose(doc, { snapshotText: doc.getText(), snapshotVersion: doc.version, after: doc.getText().replace('l3', 'L3'), label: 'again' });
    assert.deepEqual(result, { ok: true, hunks: 1 });
    return editor;
  }

  it('Open as Diff shows the original text, read-only, against the document, and follows the review', async () => {
    const editor = await underReview();
    const uri = editor.document.uri;
    // One hunk accepted: the original side keeps it, the others are put back.
    const first = controller.pendingHunks(uri).find((h) => h.startLine === 1);
    assert.ok(first);
    await controller.accept(uri, first.id);
    assert.equal(await vscode.commands.executeCommand(IDS.openDiff), true);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, 'a diff editor is open');
    const diff = tab.input;
    assert.equal(diff.original.scheme, ORIGINAL_SCHEME);
    assert.equal(diff.modified.toString(), uri.toString());
    const original = await vscode.workspace.openTextDocument(diff.original);
    assert.equal(original.getText(), 'l1\nL2\nl3\nl4\nl5\nl6\nl7\nl8\n');
    // Closing the diff leaves the document's own tab (no save prompt: it stays open there).
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.equal(await vscode.commands.executeCommand(IDS.openDiff, { uri: 'untitled:nothing-here' }), false, 'no review, no diff');
  });
});
