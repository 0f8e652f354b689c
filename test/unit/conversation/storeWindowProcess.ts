/**
 * One "window" in its own process, for storeProcesses.test.ts: opens the shared conversation,
 * appends `count` turns to it (saving after each, as a chat does) and saves `count` conversations of
 * its own (index updates), then reports what its saves said. It starts when the parent says so. Run with fork(): argv is
 * `dir writerId sharedId count`.
 */
import { appendUserTurn, createConversation } from '../../../src/common/conversation/conversation';
import { ConversationStore } from '../../../src/common/conversation/store';

async function main(): Promise<void> {
  const [dir, writerId, sharedId, countText] = process.argv.slice(2);
  if (!dir || !writerId || !sharedId || !countText) throw new Error('usage: dir writerId sharedId count');
  const count = Number(countText);
  const store = new ConversationStore(dir, undefined, { writerId });
  await store.list();
  const shared = await store.load(sharedId);
  if (!shared) throw new Error(`${sharedId} is missing`);
  // Both windows start saving together: the parent says go once each has opened the conversation.
  const go = new Promise<void>((resolve) => process.once('message', () => resolve()));
  process.send?.({ ready: true });
  await go;
  const changes: string[] = [];
  for (let i = 0; i < count; i++) {
    appendUserTurn(shared, { content: [{ type: 'text', text: `${writerId} ${i}` }], id: `${writerId}-${i}`, now: Date.now() });
    changes.push((await store.save(shared)).change);
    const own = createConversation({ model: 'claude-sonnet-5', id: `${writerId}-own-${i}`, title: `${writerId} own ${i}` });
    appendUserTurn(own, { content: [{ type: 'text', text: 'own' }] });
    await store.save(own);
  }
  process.send?.({ changes });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
