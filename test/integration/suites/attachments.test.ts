import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClaudeMessagesApi } from '../../../src/host/api';
import { activateExtension } from '../extensionApi';

/** What Add File to Chat returns to executeCommand callers. */
interface AttachReport {
  attached: Array<{ id: string; kind: string; name: string; path?: string; detail: string }>;
  problems: string[];
}

const FOLDER = 'attach-fixtures';

/** A 2 × 2 PNG header: enough for the extension to read its type and size. */
function png(): Buffer {
  const bytes = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).copy(bytes);
  bytes.writeUInt32BE(2, 16);
  bytes.writeUInt32BE(2, 20);
  return bytes;
}

function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration tests open a workspace folder');
  return folder.uri;
}

function fixture(name: string): vscode.Uri {
  return vscode.Uri.joinPath(root(), FOLDER, name);
}

async function addFile(...args: unknown[]): Promise<AttachReport> {
  return (await vscode.commands.executeCommand('claudeMessages.addFileToChat', ...args)) as AttachReport;
}

describe('Add File to Chat', () => {
  let api: ClaudeMessagesApi;

  before(async () => {
    api = await activateExtension();
    // Written before the file list is first built, so the folder attach sees every file.
    const dir = path.join(root().fsPath, FOLDER);
    await fs.mkdir(path.join(dir, 'docs'), { recursive: true });
    await fs.writeFile(path.join(dir, 'util.ts'), 'export const one = 1;\n');
    await fs.writeFile(path.join(dir, 'docs', 'notes.md'), '# Notes\n\nSome notes.\n');
    await fs.writeFile(path.join(dir, 'docs', 'logo.png'), png());
    await fs.writeFile(path.join(dir, 'data.bin'), Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00]));
    await fs.writeFile(path.join(dir, 'big.txt'), 'a'.repeat(4096));
  });

  after(async () => {
    await vscode.workspace.getConfiguration('claudeMessages').update('attachmentMaxBytes', undefined, vscode.ConfigurationTarget.Global);
    await fs.rm(path.join(root().fsPath, FOLDER), { recursive: true, force: true });
  });

  it('attaches the file it is given (explorer / editor title) as a text chip in the session', async () => {
    const report = await addFile(fixture('util.ts'));
    assert.deepEqual(report.problems, []);
    assert.deepEqual(report.attached.map((c) => [c.kind, c.name, c.path]), [['text', 'util.ts', `${FOLDER}/util.ts`]]);
    const pending = api.chatState()?.attachments ?? [];
    assert.ok(pending.some((c) => c.id === report.attached[0]?.id), 'the session holds the chip for the next message');
  });

  it('attaches every file of a multi-selection (uri, uris)', async () => {
    const report = await addFile(fixture('util.ts'), [fixture('util.ts'), fixture('docs/logo.png')]);
    assert.deepEqual(report.attached.map((c) => [c.kind, c.name]), [['text', 'util.ts'], ['image', 'logo.png']]);
    assert.match(report.attached[1]?.detail ?? '', /^PNG · 2×2/);
  });

  it('attaches a folder\'s text files and says what it left out', async () => {
    const report = await addFile(fixture('docs'));
    assert.deepEqual(report.attached.map((c) => [c.kind, c.path]), [['text', `${FOLDER}/docs/notes.md`]]);
    assert.deepEqual(report.problems, [`Attached 1 text file from ${FOLDER}/docs; left out 1 image or PDF file (logo.png; attach them one by one).`]);
    const pending = api.chatState()?.attachments ?? [];
    assert.ok(pending.some((c) => c.path === `${FOLDER}/docs/notes.md`));
  });

  it('attaches the text files of the workspace root folder, leaving out binaries and images', async () => {
    const report = await addFile(root());
    const paths = report.attached.map((c) => c.path);
    for (const expected of ['sample.ts', `${FOLDER}/util.ts`, `${FOLDER}/docs/notes.md`, `${FOLDER}/big.txt`]) assert.ok(paths.includes(expected), `${expected} in ${paths.join(', ')}`);
    assert.ok(report.attached.every((c) => c.kind === 'text'));
    assert.equal(report.problems.length, 1);
    assert.match(report.problems[0] ?? '', /^Attached \d+ text files from the workspace; left out 1 image or PDF file \(logo\.png; .*\), 1 file that could not be attached \(data\.bin/);
  });

  it('refuses a binary file that is neither an image nor a PDF, naming it', async () => {
    const report = await addFile(fixture('data.bin'));
    assert.deepEqual(report.attached, []);
    assert.equal(report.problems.length, 1);
    assert.match(report.problems[0] ?? '', /^data\.bin is a binary file that is neither an image \(PNG, JPEG, GIF, WebP\) nor a PDF/);
    assert.ok(!(api.chatState()?.attachments ?? []).some((c) => c.name === 'data.bin'));
  });

  it('refuses a file over claudeMessages.attachmentMaxBytes with the size and the limit', async () => {
    await vscode.workspace.getConfiguration('claudeMessages').update('attachmentMaxBytes', 1024, vscode.ConfigurationTarget.Global);
    const report = await addFile(fixture('big.txt'));
    assert.deepEqual(report.attached, []);
    assert.deepEqual(report.problems, ['big.txt is too large to attach: 4 KB, and the limit is 1 KB (claudeMessages.attachmentMaxBytes).']);
  });

  it('says so when a file vanished before it was read', async () => {
    const report = await addFile(fixture('gone.txt'));
    assert.deepEqual(report.attached, []);
    assert.deepEqual(report.problems, [`${FOLDER}/gone.txt could not be read: it was moved or deleted, or it is not readable.`]);
  });

  it('refuses a symlink in the workspace that resolves outside it', async () => {
    const outside = path.join(path.dirname(root().fsPath), 'outside-target.txt');
    const link = path.join(root().fsPath, FOLDER, 'link.txt');
    await fs.writeFile(outside, 'secret');
    await fs.symlink(outside, link);
    try {
      const report = await addFile(vscode.Uri.file(link));
      assert.deepEqual(report.attached, []);
      assert.match(report.problems[0] ?? '', /^link\.txt was not attached: .*outside/);
    } finally {
      await fs.rm(link, { force: true });
      await fs.rm(outside, { force: true });
    }
  });

  it('refuses a file outside the workspace folders', async () => {
    const outside = vscode.Uri.file(path.join(path.dirname(root().fsPath), 'outside.txt'));
    await fs.writeFile(outside.fsPath, 'secret');
    try {
      const report = await addFile(outside);
      assert.deepEqual(report.attached, []);
      assert.match(report.problems[0] ?? '', /outside\.txt was not attached: The path .* is outside the workspace folders/);
    } finally {
      await fs.rm(outside.fsPath, { force: true });
    }
  });
});
