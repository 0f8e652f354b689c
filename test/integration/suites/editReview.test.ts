import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { registerAcceptEdit } from '../../../src/host/commands/acceptEdit';
import { registerRejectEdit } from '../../../src/host/commands/rejectEdit';
import { rejectMessage } from '../../../src/host/commands/rejectEdit';
import { caretInHunk } from '../../../src/host/editReview/contextKey';
import { EditReviewController } from '../../../src/host/editReview/controller';

// The extension under test registers the real claudeMessages.acceptEdit / rejectEdit with its own
// controller; these ids let the suite drive the same command code against its own controller.
const TEST_ACCEPT = 'claudeMessagesTest.acceptEdit';
const TEST_REJECT = 'claudeMessagesTest.rejectEdit';

async function untitled(content: string, language = 'plaintext'): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument({ content, language });
}

/** A snapshot proposal as the inline edit makes it: the current text and version, and the result. */
function proposalFor(document: vscode.TextDocument, after: string, snapshotText = document.getText(), snapshotVersion = document.version) {
  return { snapshotText, snapshotVersion, after, label: 'test edit' };
}

/** A user-like edit (not through the controller). */
async function userEdit(document: vscode.TextDocument, apply: (edit: vscode.WorkspaceEdit) => void): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  apply(edit);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the user edit should apply');
}

describe('edit review', () => {
  let controller: EditReviewController;
  let commands: vscode.Disposable[];

  beforeEach(() => {
    controller = new EditReviewController();
    commands = [registerAcceptEdit(controller, TEST_ACCEPT), registerRejectEdit(controller, TEST_REJECT)];
  });

  afterEach(() => {
    for (const c of commands) c.dispose();
    controller.dispose();
  });

  it('applies a proposed edit to the document and reports its hunks', async () => {
    const doc = await untitled('one\ntwo\nthree\n');
    const result = await controller.propose(doc, proposalFor(doc, 'one\n2\nthree\nfour\n'));
    assert.deepEqual(result, { ok: true, hunks: 2 });
    assert.equal(doc.getText(), 'one\n2\nthree\nfour\n');
    assert.ok(controller.hasPending(doc.uri));
    assert.deepEqual(controller.pendingHunks(doc.uri).map((h) => [h.startLine, h.endLine, h.originalText]), [[1, 1, 'two\n'], [3, 3, '']]);
  });

  const exact: Array<[string, string, string]> = [
    ['LF with a final newline', 'alpha\nbeta\ngamma\n', 'alpha\nBETA\ngamma\ndelta\n'],
    ['CRLF', 'alpha\r\nbeta\r\ngamma\r\n', 'ALPHA\r\nbeta\r\ngamma\r\ndelta\r\n'],
    ['no final newline', 'alpha\nbeta\ngamma', 'alpha\nbeta\nGAMMA\nand more'],
    ['CRLF without a final newline, last line removed', 'a\r\nb\r\nc', 'a\r\nB\r\n'],
    ['an empty document', '', 'brand new\ntext\n'],
  ];
  for (const [name, before, after] of exact) {
    it(`Reject All restores the text byte for byte (${name})`, async () => {
      const doc = await untitled(before);
      const result = await controller.propose(doc, proposalFor(doc, after));
      assert.equal(result.ok, true);
      assert.equal(doc.getText(), after);
      assert.equal(await controller.reject(doc.uri), true);
      assert.equal(doc.getText(), before);
      assert.equal(controller.hasPending(doc.uri), false);
    });
  }

  it('after Accept All, one undo restores the original text', async () => {
    const before = 'first\nsecond\nthird\nfourth\n';
    const after = 'first\nSECOND\nthird\nfourth\nfifth\n';
    const doc = await untitled(before);
    await vscode.window.showTextDocument(doc);
    await controller.propose(doc, proposalFor(doc, after));
    assert.equal(controller.pendingHunks(doc.uri).length, 2);
    assert.equal(await controller.accept(doc.uri), true);
    assert.equal(controller.hasPending(doc.uri), false);
    assert.equal(doc.getText(), after, 'accepting keeps the text');
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), before);
  });

  it('undoing a pending proposal ends its review', async () => {
    const before = 'x\ny\nz\n';
    const doc = await untitled(before);
    await vscode.window.showTextDocument(doc);
    await controller.propose(doc, proposalFor(doc, 'x\nY\nz\nw\n'));
    assert.ok(controller.hasPending(doc.uri));
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), before);
    assert.equal(controller.hasPending(doc.uri), false);
  });

  it('accepts and rejects hunks one by one', async () => {
    const before = 'l1\nl2\nl3\nl4\nl5\nl6\n';
    const doc = await untitled(before);
    await controller.propose(doc, proposalFor(doc, 'l1\nL2\nl3\nl4\nl5\nL6\nl7\n'));
    const hunks = controller.pendingHunks(doc.uri);
    assert.equal(hunks.length, 2);
    const [first, second] = hunks;
    assert.ok(first && second);

    assert.equal(await controller.reject(doc.uri, second.id), true);
    assert.equal(doc.getText(), 'l1\nL2\nl3\nl4\nl5\nl6\n');
    assert.deepEqual(controller.pendingHunks(doc.uri).map((h) => h.id), [first.id]);
    assert.equal(await controller.reject(doc.uri, second.id), false, 'a resolved hunk cannot be rejected again');

    assert.equal(await controller.accept(doc.uri, first.id), true);
    assert.equal(doc.getText(), 'l1\nL2\nl3\nl4\nl5\nl6\n');
    assert.equal(controller.hasPending(doc.uri), false);
  });

  it('Reject All after accepting one hunk reverts only the others', async () => {
    const before = 'a\nb\nc\nd\ne\n';
    const doc = await untitled(before);
    await controller.propose(doc, proposalFor(doc, 'A\nb\nc\nd\nE\n'));
    const [first] = controller.pendingHunks(doc.uri);
    assert.ok(first);
    await controller.accept(doc.uri, first.id);
    await controller.reject(doc.uri);
    assert.equal(doc.getText(), 'A\nb\nc\nd\ne\n');
  });

  it('rebases an edit onto changes the user made after the snapshot', async () => {
    const doc = await untitled('a\nb\nc\nd\n');
    const snapshotText = doc.getText();
    const snapshotVersion = doc.version;
    await userEdit(doc, (e) => e.insert(doc.uri, new vscode.Position(0, 0), 'typed\n'));
    const result = await controller.propose(doc, proposalFor(doc, 'a\nb\nC\nd\n', snapshotText, snapshotVersion));
    assert.deepEqual(result, { ok: true, hunks: 1 });
    assert.equal(doc.getText(), 'typed\na\nb\nC\nd\n');
    assert.deepEqual(controller.pendingHunks(doc.uri).map((h) => h.startLine), [3]);
    await controller.reject(doc.uri);
    assert.equal(doc.getText(), 'typed\na\nb\nc\nd\n');
  });

  it('refuses an edit whose lines the user changed meanwhile, and changes nothing', async () => {
    const doc = await untitled('a\nb\nc\nd\n');
    const snapshotText = doc.getText();
    const snapshotVersion = doc.version;
    await userEdit(doc, (e) => e.insert(doc.uri, new vscode.Position(2, 1), '!'));
    const versionBefore = doc.version;
    const result = await controller.propose(doc, proposalFor(doc, 'a\nb\nC\nd\n', snapshotText, snapshotVersion));
    assert.equal(result.ok, false);
    assert.ok(!result.ok && /changed/i.test(result.reason), 'the reason says the document changed');
    assert.equal(doc.getText(), 'a\nb\nc!\nd\n');
    assert.equal(doc.version, versionBefore);
    assert.equal(controller.hasPending(doc.uri), false);
  });

  it('follows typing during the review: hunks move, typing elsewhere survives Reject All', async () => {
    const doc = await untitled('one\ntwo\nthree\nfour\nfive\n');
    await controller.propose(doc, proposalFor(doc, 'one\ntwo\nTHREE\nfour\nFIVE\n'));
    await userEdit(doc, (e) => e.insert(doc.uri, new vscode.Position(0, 0), 'zero\n'));
    assert.deepEqual(controller.pendingHunks(doc.uri).map((h) => h.startLine), [3, 5]);
    await userEdit(doc, (e) => e.insert(doc.uri, new vscode.Position(4, 4), '!'));
    await controller.reject(doc.uri);
    assert.equal(doc.getText(), 'zero\none\ntwo\nthree\nfour!\nfive\n');
  });

  it('a hunk the user typed in is still rejected to its original lines', async () => {
    const doc = await untitled('keep\nold line\nkeep too\n');
    await controller.propose(doc, proposalFor(doc, 'keep\nnew line\nkeep too\n'));
    await userEdit(doc, (e) => e.insert(doc.uri, new vscode.Position(1, 3), ' edited'));
    assert.equal(doc.getText(), 'keep\nnew edited line\nkeep too\n');
    assert.ok(controller.hasPending(doc.uri));
    await controller.reject(doc.uri);
    assert.equal(doc.getText(), 'keep\nold line\nkeep too\n');
  });

  it('a second proposal joins the pending review; Reject All goes back before the first', async () => {
    const before = 'a\nb\nc\nd\n';
    const doc = await untitled(before);
    await controller.propose(doc, proposalFor(doc, 'A\nb\nc\nd\n'));
    await controller.propose(doc, proposalFor(doc, 'A\nb\nc\nD\n'));
    assert.equal(controller.pendingHunks(doc.uri).length, 2);
    await controller.reject(doc.uri);
    assert.equal(doc.getText(), before);
  });

  it('offers Accept/Reject CodeLenses and the count per hunk, and Accept All/Reject All/Open as Diff on the first', async () => {
    const doc = await untitled('1\n2\n3\n4\n5\n');
    await controller.propose(doc, proposalFor(doc, 'one\n2\n3\n4\nfive\n'));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    // Ours: the commands', and the count (a label: no command).
    const ours = lenses.filter((l) => l.command?.command.startsWith('claudeMessages.') || l.command?.title.startsWith('Change '));
    const titles = ours.map((l) => `${l.range.start.line}:${l.command?.title ?? ''}`);
    assert.deepEqual(titles, [
      '0:$(check-all) Accept All', '0:$(close-all) Reject All', '0:$(check) Accept', '0:$(discard) Reject', '0:Change 1 of 2', '0:$(diff) Open as Diff',
      '4:$(check) Accept', '4:$(discard) Reject', '4:Change 2 of 2',
    ]);
    const hunks = controller.pendingHunks(doc.uri);
    assert.deepEqual(ours[7]?.command?.arguments, [{ uri: doc.uri.toString(), hunkId: hunks[1]?.id }]);
    assert.deepEqual(ours[5]?.command?.arguments, [{ uri: doc.uri.toString() }]);
    await controller.accept(doc.uri);
    const after = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    assert.equal(after.filter((l) => l.command?.command.startsWith('claudeMessages.')).length, 0);
  });

  it('fires onDidChangePending when a review starts and ends', async () => {
    const doc = await untitled('p\nq\n');
    const seen: string[] = [];
    const sub = controller.onDidChangePending((uri) => seen.push(uri.toString()));
    try {
      await controller.propose(doc, proposalFor(doc, 'p\nQ\n'));
      await controller.accept(doc.uri);
    } finally {
      sub.dispose();
    }
    assert.ok(seen.length >= 2);
    assert.ok(seen.every((u) => u === doc.uri.toString()));
  });

  it('the commands act on the active editor without arguments, and on one hunk with {uri, hunkId}', async () => {
    const before = 'r1\nr2\nr3\nr4\nr5\n';
    const doc = await untitled(before);
    await vscode.window.showTextDocument(doc);
    await controller.propose(doc, proposalFor(doc, 'R1\nr2\nr3\nr4\nR5\n'));
    const [first] = controller.pendingHunks(doc.uri);
    assert.ok(first);
    assert.equal(await vscode.commands.executeCommand(TEST_ACCEPT, { uri: doc.uri.toString(), hunkId: first.id }), true);
    assert.equal(controller.pendingHunks(doc.uri).length, 1);
    assert.equal(await vscode.commands.executeCommand(TEST_REJECT), true);
    assert.equal(doc.getText(), 'R1\nr2\nr3\nr4\nr5\n');
    assert.equal(await vscode.commands.executeCommand(TEST_REJECT), false, 'nothing left to reject');
  });

  it('a created file is reviewed whole; rejecting it deletes the file', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the integration workspace has a folder');
    const uri = vscode.Uri.joinPath(folder.uri, `created-${Date.now()}.ts`);
    const text = 'export const made = 1;\r\nexport const byClaude = 2;\r\n';
    const result = await controller.proposeCreate(uri, text);
    assert.deepEqual(result, { ok: true, hunks: 1 });
    assert.ok(fs.existsSync(uri.fsPath), 'the file exists');
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    assert.ok(doc, 'the file is open');
    assert.equal(doc.getText(), text, 'the text and its CRLF line endings are kept');
    assert.ok(controller.hasPending(uri));
    assert.equal(await controller.reject(uri), true);
    assert.equal(fs.existsSync(uri.fsPath), false, 'the file is gone');
    assert.equal(controller.hasPending(uri), false);
  });

  it('a created file that is accepted stays', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const uri = vscode.Uri.joinPath(folder.uri, `kept-${Date.now()}.ts`);
    try {
      assert.deepEqual(await controller.proposeCreate(uri, 'export {};\n'), { ok: true, hunks: 1 });
      await controller.accept(uri);
      assert.ok(fs.existsSync(uri.fsPath));
      assert.equal(controller.hasPending(uri), false);
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      assert.equal(doc?.getText(), 'export {};\n');
    } finally {
      const cleanup = new vscode.WorkspaceEdit();
      cleanup.deleteFile(uri, { ignoreIfNotExists: true });
      await vscode.workspace.applyEdit(cleanup);
    }
  });

  it('dispose ends every review', async () => {
    const doc = await untitled('m\nn\n');
    await controller.propose(doc, proposalFor(doc, 'M\nn\n'));
    assert.ok(controller.hasPending(doc.uri));
    controller.dispose();
    assert.equal(controller.hasPending(doc.uri), false);
    const result = await controller.propose(doc, proposalFor(doc, 'M\nN\n'));
    assert.equal(result.ok, false);
    assert.equal(doc.getText(), 'M\nn\n', 'a disposed controller changes nothing');
  });

  it('a proposal auto save wrote to disk is taken back on disk too when rejected, and the report says so', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const uri = vscode.Uri.joinPath(folder.uri, `saved-${Date.now()}.ts`);
    const original = 'const a = 1;\nconst b = 2;\n';
    fs.writeFileSync(uri.fsPath, original);
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.deepEqual(await controller.propose(doc, proposalFor(doc, 'const a = 1;\nconst b = 3;\n')), { ok: true, hunks: 1 });
      // What auto save does while the edit waits for review.
      assert.ok(await doc.save());
      assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), 'const a = 1;\nconst b = 3;\n');
      const report = await controller.rejectWithReport(uri);
      assert.equal(report?.outcome, 'restoredOnDisk');
      assert.equal(report?.textBefore, 'const a = 1;\nconst b = 3;\n', 'what Undo proposes again');
      assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), original, 'the file on disk is the original again');
      assert.equal(doc.isDirty, false);
      assert.match(rejectMessage('x.ts', report), /rejected the proposed change in x\.ts\. Auto save had written/);
    } finally {
      fs.rmSync(uri.fsPath, { force: true });
    }
  });

  it('an unsaved proposal is rejected in the buffer only, and the message counts the changes', async () => {
    const doc = await untitled('one\ntwo\nthree\n');
    await controller.propose(doc, proposalFor(doc, 'ONE\ntwo\nTHREE\n'));
    const report = await controller.rejectWithReport(doc.uri);
    assert.equal(report?.outcome, 'reverted');
    assert.equal(report?.hunks, 2);
    assert.equal(rejectMessage('y.ts', report), 'Claude Messages: rejected 2 proposed changes in y.ts.');
  });

  it('the Ctrl+Enter / Escape keys apply only with the caret inside a hunk and nothing selected', () => {
    const hunks = [{ id: 1, startLine: 2, endLine: 4, originalText: '' }, { id: 2, startLine: 8, endLine: 7, originalText: 'gone\n' }];
    const caret = (line: number) => new vscode.Selection(line, 0, line, 0);
    assert.equal(caretInHunk([caret(3)], hunks), true);
    assert.equal(caretInHunk([caret(5)], hunks), false, 'outside every hunk');
    assert.equal(caretInHunk([caret(8)], hunks), true, 'a pure deletion counts on the line it sits before');
    assert.equal(caretInHunk([new vscode.Selection(2, 0, 3, 4)], hunks), false, 'a selection keeps Escape for clearing it');
    assert.equal(caretInHunk([caret(3), caret(9)], hunks), false, 'several carets');
  });
});
