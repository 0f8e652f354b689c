/**
 * Errors and the history: a question whose only reply failed is not saved, and an error whose
 * cause the user fixed (a key stored, the named setting changed) is marked so its card collapses.
 */
import assert from 'node:assert/strict';
import { ClaudeApiError } from '../../../src/common/anthropic/errors';
import { holdsOnlyAFailedQuestion } from '../../../src/common/chat/openConversationSaves';
import type { Conversation } from '../../../src/common/conversation/model';
import type { ViewError } from '../../../src/common/protocol';
import { harnessesRemovedAfterEach, replay, textReply } from './fakes';

const overloaded = () => new ClaudeApiError('Overloaded. Try again.', { kind: 'overloaded_error', status: 529, retryable: true });
const tooMany = () => new ClaudeApiError('max_tokens: too large. Change the setting claudeMessages.maxTokens.', { kind: 'invalid_request_error', status: 400, retryable: false, setting: 'maxTokens' });

describe('errors and the history', () => {
  const make = harnessesRemovedAfterEach();

  describe('a question whose only reply failed is not saved', () => {
    it('no file, no history entry, nothing to reopen; the error stays on screen', async () => {
      const h = await make({ scripts: [replay(textReply(['x']), { failAfter: 0, error: overloaded })] });
      await h.session.send('Anyone there?');
      assert.equal(h.of('turnUpdated').at(-1)?.turn.status, 'error', 'the error is shown');
      assert.deepEqual(await h.store.list(), []);
      assert.equal(await h.store.load(h.session.conversationId), undefined);
      assert.equal(await h.store.getLastOpenId(), undefined);
      assert.deepEqual(h.of('history').at(-1)?.history, []);
    });

    it('nor when there is no key at all (no request was made)', async () => {
      const noKey: ViewError = { message: 'No API key is set.', kind: 'missing_key', retryable: false };
      const h = await make({ createClient: () => Promise.resolve(noKey) });
      await h.session.send('hello?');
      assert.deepEqual(await h.store.list(), []);
    });

    it('is saved once a retry answers, with the failed attempt kept', async () => {
      const h = await make({ scripts: [replay(textReply(['x']), { failAfter: 0, error: overloaded }), replay(textReply(['Here.']))] });
      await h.session.send('Anyone there?');
      assert.deepEqual(await h.store.list(), []);
      await h.session.retry();
      const saved = await h.store.load(h.session.conversationId);
      assert.deepEqual(saved?.turns.map((t) => (t.role === 'assistant' ? t.status : t.role)), ['user', 'done']);
      assert.deepEqual(saved?.turns[0]?.earlierReplies?.map((version) => version.map((t) => (t.role === 'assistant' ? t.status : t.role))), [['error']], 'the failed attempt kept as an earlier version');
      assert.equal((await h.store.list()).length, 1);
    });

    it('is saved when part of the reply arrived before it failed, or when a later question failed', async () => {
      const partial = await make({ scripts: [replay(textReply(['Half an ', 'answer', 'never']), { failAfter: 4 })] });
      await partial.session.send('Tell me');
      assert.equal((await partial.store.list()).length, 1, 'what arrived is kept');

      const later = await make({ scripts: [replay(textReply(['Fine.'])), replay(textReply(['x']), { failAfter: 0, error: overloaded })] });
      await later.session.send('First');
      await later.session.send('Second');
      const saved = await later.store.load(later.session.conversationId);
      assert.deepEqual(saved?.turns.map((t) => (t.role === 'assistant' ? t.status : t.role)), ['user', 'done', 'user', 'error']);
    });

    it('holdsOnlyAFailedQuestion: one question, replies without content that failed or still stream', () => {
      const base = { id: 'c', title: 't', model: 'm', createdAt: 0, updatedAt: 0 };
      const user = { id: 'u', role: 'user' as const, createdAt: 0, content: [{ type: 'text' as const, text: 'q' }] };
      const reply = (status: 'error' | 'streaming' | 'stopped' | 'done', text?: string) => ({
        id: `a-${status}`, role: 'assistant' as const, createdAt: 0, status, model: 'm', stopReason: null, content: text ? [{ type: 'text' as const, text, citations: null }] : [],
      });
      const conv = (...turns: Conversation['turns']): Conversation => ({ ...base, turns });
      assert.equal(holdsOnlyAFailedQuestion(conv(user, reply('error'))), true);
      assert.equal(holdsOnlyAFailedQuestion(conv({ ...user, earlierReplies: [[reply('error')]] }, reply('error'))), true, 'retried and failed again');
      assert.equal(holdsOnlyAFailedQuestion(conv({ ...user, earlierReplies: [[reply('done', 'an answer')]] }, reply('error'))), false, 'an earlier version that answered is worth keeping');
      assert.equal(holdsOnlyAFailedQuestion(conv(user, reply('streaming'))), true, 'nothing has arrived yet');
      assert.equal(holdsOnlyAFailedQuestion(conv(user, reply('error', 'half'))), false);
      assert.equal(holdsOnlyAFailedQuestion(conv(user, reply('stopped'))), false, 'a reply the user stopped is theirs to keep');
      assert.equal(holdsOnlyAFailedQuestion(conv(user, reply('done'))), false);
      assert.equal(holdsOnlyAFailedQuestion(conv(user, reply('done', 'ok'), user, reply('error'))), false);
    });
  });

  describe('a fixed cause collapses its error', () => {
    it('marks the error when its setting changes (only then), posts the turn and saves the mark', async () => {
      const h = await make({ scripts: [replay(textReply(['Fine.'])), replay(textReply(['x']), { failAfter: 0, error: tooMany })] });
      await h.session.send('First');
      await h.session.send('Second');
      const failed = h.of('turnUpdated').at(-1)?.turn;
      assert.equal(failed?.error?.setting, 'claudeMessages.maxTokens');
      const posted = h.posts.length;
      h.session.refreshControls({ kind: 'settings', changed: (id) => id === 'claudeMessages.model' });
      h.session.refreshControls({ kind: 'apiKey' });
      assert.equal(h.posts.slice(posted).filter((m) => m.type === 'turnUpdated').length, 0, 'other changes leave it');
      h.session.refreshControls({ kind: 'settings', changed: (id) => id === 'claudeMessages.maxTokens' });
      const marked = h.of('turnUpdated').at(-1)?.turn;
      assert.equal(marked?.id, failed?.id);
      assert.equal(marked?.error?.fixed, 'claudeMessages.maxTokens changed');
      const id = h.session.conversationId;
      await h.session.newChat();
      const saved = await h.store.load(id);
      const last = saved?.turns.at(-1);
      assert.equal(last?.role === 'assistant' ? last.error?.fixed : undefined, 'claudeMessages.maxTokens changed', 'the mark is saved');
    });

    it('marks a missing-key error when a key is stored, and a retried attempt never', async () => {
      const noKey: ViewError = { message: 'No API key is set.', kind: 'missing_key', retryable: false };
      const h = await make({ createClient: () => Promise.resolve(noKey) });
      await h.session.send('hello?');
      h.session.refreshControls({ kind: 'apiKey' });
      assert.equal(h.of('turnUpdated').at(-1)?.turn.error?.fixed, 'a key is set');
      const count = h.of('turnUpdated').length;
      h.session.refreshControls({ kind: 'apiKey' });
      assert.equal(h.of('turnUpdated').length, count, 'marked once');
    });
  });
});
