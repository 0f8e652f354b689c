/**
 * Two windows as two processes (as two VS Code windows are two extension hosts): each runs
 * storeWindowProcess.js against one temp dir at the same time. Nothing either saved is lost.
 */
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { appendUserTurn, createConversation } from '../../../src/common/conversation/conversation';
import { ConversationStore } from '../../../src/common/conversation/store';

/** Starts a window process; it opens the conversation, says it is ready, and saves once told to go. */
function runWindow(dir: string, writerId: string, sharedId: string, count: number, ready: () => void, go: Promise<void>): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'storeWindowProcess.js'), [dir, writerId, sharedId, String(count)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let changes: string[] = [];
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('message', (message: { ready?: true; changes?: string[] }) => {
      if (message.ready) {
        ready();
        void go.then(() => child.send('go'));
      }
      if (message.changes) changes = message.changes;
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(changes) : reject(new Error(`window ${writerId} exited with ${code}: ${stderr}`))));
  });
}

describe('ConversationStore: two windows in two processes', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cm-processes-'));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('both append to one conversation and save their own at the same time: every turn and every entry is kept', async () => {
    const seed = createConversation({ model: 'claude-sonnet-5', id: 'shared', title: 'Shared' });
    appendUserTurn(seed, { content: [{ type: 'text', text: 'seed' }], id: 'seed' });
    await new ConversationStore(dir).save(seed);
    const count = 25;
    let readyCount = 0;
    let start!: () => void;
    const go = new Promise<void>((resolve) => (start = resolve));
    const ready = () => {
      if (++readyCount === 2) start();
    };
    const [a, b] = await Promise.all([runWindow(dir, 'A', 'shared', count, ready, go), runWindow(dir, 'B', 'shared', count, ready, go)]);
    assert.equal(a.length + b.length, 2 * count);

    const store = new ConversationStore(dir);
    const shared = await store.load('shared');
    const ids = shared?.turns.map((t) => t.id) ?? [];
    assert.equal(ids.length, 1 + 2 * count);
    for (const writer of ['A', 'B']) {
      // Each window's turns are all there, in its own order.
      const own = ids.filter((id) => id.startsWith(`${writer}-`));
      assert.deepEqual(own, Array.from({ length: count }, (_, i) => `${writer}-${i}`));
    }
    // The index file as the two processes left it (read before any listing reconciles it).
    const index = JSON.parse(await fs.readFile(path.join(dir, 'index.json'), 'utf8')) as { conversations: unknown[] };
    assert.equal(index.conversations.length, 1 + 2 * count);
    assert.deepEqual((await fs.readdir(dir)).filter((n) => n.endsWith('.lock') || n.endsWith('.tmp')), []);
  });
});
