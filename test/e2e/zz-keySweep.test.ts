/**
 * The key sweep, last in the run (mocha sorts the files, .mocharc.json `sort`; "zz-" puts this one
 * last): every API key the tests typed into the Set API Key command may appear in exactly one place
 * outside the secret store, the one auth header of each request. Looked for in every request the
 * test server saw (all tests, across resets), in every frame of the page, and in every file
 * code-server keeps (settings, global and workspace state, the conversation store, the logs).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { textReply } from '../server/server';
import { lastAssistant, newChat, openChat, sendPrompt, setApiKeyThroughCommand, waitForStatus } from './chatView';
import { world } from './world';

/** A key of this file's own, so the sweep has a fresh key and request to look at even when run alone. */
const SWEEP_KEY = 'sk-ant-e2e-sweep-key-5d1c0b9a8f7e';
const AUTH_HEADERS = ['x-api-key', 'authorization'];

/** The forms a key could be stored in: as typed, as UTF-16 (some stores), and base64 of either. */
function needles(key: string): Array<{ form: string; bytes: Buffer }> {
  const utf8 = Buffer.from(key, 'utf8');
  const utf16 = Buffer.from(key, 'utf16le');
  return [
    { form: 'utf8', bytes: utf8 },
    { form: 'utf16le', bytes: utf16 },
    { form: 'base64', bytes: Buffer.from(utf8.toString('base64').replace(/=+$/, '')) },
    { form: 'base64 of utf16le', bytes: Buffer.from(utf16.toString('base64').replace(/=+$/, '')) },
  ];
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('the API key stays secret (end of the run)', () => {
  it('appears in no request but its auth header, in no frame and in no file code-server keeps', async () => {
    const { server, codeServer, page, keysSet } = world();
    server.reset();
    // Any key until the sweep key is set (the token meter may count with the previous one meanwhile).
    server.configure({ apiKey: null, tokenDelayMs: 5 });
    const frame = await openChat();
    await setApiKeyThroughCommand(SWEEP_KEY);
    server.configure({ apiKey: SWEEP_KEY });
    await newChat(frame);
    server.enqueue(textReply('Swept.'));
    await sendPrompt(frame, 'One more, with the sweep key');
    await waitForStatus(frame, 'done');
    assert.match(await lastAssistant(frame).innerText(), /Swept\./);
    const keys = [...keysSet];
    assert.ok(keys.includes(SWEEP_KEY));

    // Requests: only x-api-key or authorization may carry a key, and only one of them per request.
    const leaks: string[] = [];
    let authorized = 0;
    for (const request of server.history) {
      const where = `${request.method} ${request.path}`;
      for (const key of keys) {
        if (request.url.includes(key)) leaks.push(`${where}: URL`);
        if (request.body.includes(key)) leaks.push(`${where}: body`);
        const carriers = Object.entries(request.headers).filter(([, value]) => String(value).includes(key)).map(([name]) => name.toLowerCase());
        for (const name of carriers) if (!AUTH_HEADERS.includes(name)) leaks.push(`${where}: header ${name}`);
        if (carriers.length > 1) leaks.push(`${where}: ${carriers.length} headers (${carriers.join(', ')})`);
        if (key === SWEEP_KEY && carriers.length === 1) authorized += 1;
      }
    }
    assert.ok(authorized > 0, 'the sweep key reached the server in an auth header (the history is being read)');

    // Every frame's HTML: the workbench and each webview.
    for (const each of page.frames()) {
      const html = await each.content().catch(() => '');
      for (const key of keys) if (html.includes(key)) leaks.push(`frame ${each.url()}`);
    }

    // Every file under code-server's user data: settings, globalStorage (state.vscdb, the
    // conversation store in claude-messages.claude-messages/), workspaceStorage, logs.
    const files = filesUnder(codeServer.userDataDir);
    assert.ok(files.some((file) => file.includes(path.join('User', 'globalStorage', 'claude-messages.claude-messages'))), 'the conversation store is among the files swept');
    assert.ok(files.some((file) => file.includes(`${path.sep}logs${path.sep}`)), 'the logs are among the files swept');
    for (const file of files) {
      const bytes = readIfStillThere(file);
      if (!bytes) continue;
      for (const key of keys) {
        for (const { form, bytes: needle } of needles(key)) {
          if (bytes.includes(needle)) leaks.push(`${path.relative(codeServer.userDataDir, file)} (${form} of ${key})`);
        }
      }
    }
    assert.deepEqual(leaks, [], `keys found outside the auth header: ${leaks.join('; ')}`);
  });
});

/** A file's bytes, or undefined when it went between listing and reading (a lock, a temp file). */
function readIfStillThere(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
