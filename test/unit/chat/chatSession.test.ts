import assert from 'node:assert/strict';
import { ClaudeApiError, StreamInterruptedError } from '../../../src/common/anthropic/errors';
import type { ContentBlock, Message, ToolResultBlock, ToolUseBlock } from '../../../src/common/anthropic/types';
import { CONTINUE_PROMPT, type ChatSession } from '../../../src/common/chat/chatSession';
import type { ToolPort } from '../../../src/common/chat/turnEngine';
import { applyBlockOps } from '../../../src/common/protocol';
import type { ViewError } from '../../../src/common/protocol';
import type { FakeClient } from './fakes';
import {
  CONTROLS,
  MODEL,
  harnessesRemovedAfterEach,
  lastMessage,
  messageEnd,
  messageStart,
  replay,
  textBlock,
  textOf,
  textReply,
  toolUseBlock,
  until,
  type Harness,
} from './fakes';

describe('ChatSession', () => {
  const make = harnessesRemovedAfterEach();

  describe('send()', () => {
    it('adds the user turn, streams the assistant turn and ends it done with usage and totals', async () => {
      const h = await make({ scripts: [replay(textReply(['Hel', 'lo ', 'there', '!'], 'end_turn', 42))] });
      await h.session.send('Say hello');

      const added = h.of('turnAdded');
      assert.equal(added.length, 2);
      const [user, assistant] = added;
      assert.equal(user?.turn.role, 'user');
      assert.deepEqual(user?.turn.blocks, [{ type: 'text', text: 'Say hello' }]);
      assert.equal(user?.requestId, undefined);
      assert.equal(assistant?.turn.role, 'assistant');
      assert.equal(assistant?.turn.status, 'streaming');
      assert.ok(assistant?.requestId, 'the assistant turn names its request');

      // The block ops, replayed as the webview does, rebuild the final text.
      const ops = h.of('blockOps');
      assert.ok(ops.length > 0);
      for (const batch of ops) {
        assert.equal(batch.requestId, assistant?.requestId);
        assert.equal(batch.turnId, assistant?.turn.id);
      }
      const blocks: ContentBlock[] = [];
      for (const batch of ops) applyBlockOps(blocks, batch.ops);
      assert.equal(textOf(blocks), 'Hello there!');

      const updates = h.of('turnUpdated');
      const final = updates.find((u) => u.turn.id === assistant?.turn.id && u.turn.status === 'done');
      assert.ok(final, 'the assistant turn ends done');
      assert.equal(textOf(final.turn.blocks), 'Hello there!');
      assert.equal(final.turn.stopReason, 'end_turn');
      assert.equal(final.turn.usage?.input_tokens, 10);
      assert.equal(final.turn.usage?.output_tokens, 42);
      assert.equal(final.totals.inputTokens, 10);
      assert.equal(final.totals.outputTokens, 42);
      assert.ok((final.totals.dollars ?? 0) > 0, 'a known model is priced');
      // The last update says nothing is streaming any more.
      assert.equal(updates.at(-1)?.activeRequestId, undefined);
      assert.equal(h.session.isBusy, false);
    });

    it('sends a request whose body carries the user text', async () => {
      const h = await make({ scripts: [replay(textReply(['ok']))] });
      await h.session.send('What is a monad?');
      assert.equal(h.client.requests.length, 1);
      const body = h.client.requests[0];
      assert.equal(body?.model, MODEL);
      assert.deepEqual(body?.messages, [{ role: 'user', content: [{ type: 'text', text: 'What is a monad?' }] }]);
    });

    it('saves the conversation with both turns, remembers it as open and posts the history', async () => {
      const h = await make({ scripts: [replay(textReply(['Paris.']))] });
      await h.session.send('Capital of France?');

      const saved = await h.store.load(h.session.conversationId);
      assert.ok(saved, 'the conversation is on disk');
      assert.equal(saved.turns.length, 2);
      assert.equal(saved.turns[0]?.role, 'user');
      assert.equal(saved.turns[1]?.role, 'assistant');
      assert.equal(textOf(saved.turns[1]?.role === 'assistant' ? saved.turns[1].content : []), 'Paris.');
      assert.equal(saved.turns[1]?.role === 'assistant' && saved.turns[1].status, 'done');
      assert.equal(saved.title, 'Capital of France?');
      assert.equal(await h.store.getLastOpenId(), h.session.conversationId);

      const history = h.of('history').at(-1);
      assert.ok(history, 'the history is posted');
      assert.deepEqual(
        history.history.map((s) => s.id),
        [h.session.conversationId],
      );
      assert.equal(history.history[0]?.title, 'Capital of France?');
    });

    it('keeps context blocks before the text and does not repeat the text', async () => {
      const h = await make({ scripts: [replay(textReply(['ok']))] });
      const context = { type: 'document' as const, source: { type: 'text' as const, media_type: 'text/plain' as const, data: 'const x = 1;' }, title: 'a.ts' };
      await h.session.send('Explain', { blocks: [context, { type: 'text', text: 'Explain' }], chips: [{ label: 'a.ts:1', language: 'ts', text: 'const x = 1;' }] });
      const content = h.client.requests[0]?.messages[0]?.content;
      assert.ok(Array.isArray(content));
      assert.deepEqual(
        content.map((b) => b.type),
        ['document', 'text'],
      );
      assert.deepEqual(h.of('turnAdded')[0]?.turn.chips, [{ label: 'a.ts:1', language: 'ts', text: 'const x = 1;' }]);
    });

    it('refuses a second send while a reply streams', async () => {
      let second: Promise<void> | undefined;
      const h: Harness = await make({
        scripts: [
          replay(textReply(['first']), {
            waitForAbortAfter: 3,
            onWaiting: () => {
              second = h.session.send('again');
              setImmediate(() => h.session.stop());
            },
          }),
        ],
      });
      await h.session.send('one');
      await second;
      assert.equal(h.client.requests.length, 1);
      const notice = h.of('notice').at(-1);
      assert.equal(notice?.level, 'info');
      assert.match(notice?.message ?? '', /Wait for the current reply/);
      assert.equal(h.of('turnAdded').filter((t) => t.turn.role === 'user').length, 1);
    });

    it('posts block ops in batches when the scheduler runs them synchronously too', async () => {
      const h = await make({ syncSchedule: true, scripts: [replay(textReply(['a', 'b', 'c']))] });
      await h.session.send('abc?');
      const blocks: ContentBlock[] = [];
      for (const batch of h.of('blockOps')) applyBlockOps(blocks, batch.ops);
      assert.equal(textOf(blocks), 'abc');
    });
  });

  describe('stop()', () => {
    it('ends the turn stopped and keeps the partial text', async () => {
      const h: Harness = await make({
        scripts: [
          replay(textReply(['Once upon ', 'a time', ' never sent']), {
            // message_start, block start, two deltas
            waitForAbortAfter: 4,
            onWaiting: () => {
              const requestId = h.of('turnAdded').find((t) => t.requestId)?.requestId;
              assert.ok(requestId);
              h.session.stop('not-this-request');
              assert.equal(h.session.isBusy, true);
              h.session.stop(requestId);
            },
          }),
        ],
      });
      await h.session.send('Tell a story');

      const final = h.of('turnUpdated').find((u) => u.turn.role === 'assistant' && u.turn.status !== 'streaming');
      assert.equal(final?.turn.status, 'stopped');
      assert.equal(textOf(final?.turn.blocks), 'Once upon a time');
      assert.equal(final?.turn.error, undefined);
      assert.equal(final?.turn.interrupted, undefined);
      assert.equal(h.session.isBusy, false);
      const saved = await h.store.load(h.session.conversationId);
      const turn = saved?.turns[1];
      assert.equal(turn?.role === 'assistant' && turn.status, 'stopped');
      assert.equal(textOf(turn?.role === 'assistant' ? turn.content : []), 'Once upon a time');
    });
  });

  describe('a view rebuilt mid-stream', () => {
    it('gets the reply as far as it has arrived, in the replayed state', async () => {
      let midStream: ReturnType<ChatSession['replay']> | undefined;
      const h: Harness = await make({
        scripts: [
          replay(textReply(['Once upon ', 'a time', ' never sent']), {
            waitForAbortAfter: 4,
            onWaiting: () => {
              midStream = h.session.replay();
              h.session.stop();
            },
          }),
        ],
      });
      await h.session.send('Tell a story');
      assert.ok(midStream?.type === 'init');
      const assistant = midStream.state.turns.at(-1);
      assert.equal(assistant?.role, 'assistant');
      assert.equal(assistant?.status, 'streaming');
      assert.equal(textOf(assistant?.blocks), 'Once upon a time');
    });
  });

  describe('errors and retry()', () => {
    it('ends the turn in error, interrupted, with the partial kept; retry sends the conversation as it stood before it', async () => {
      const events = textReply(['The answer ', 'is 4', 'never']);
      const h = await make({
        scripts: [
          replay(events, {
            failAfter: 4,
            error: (partial: Message) => new StreamInterruptedError('The connection dropped while Claude was answering. Try again.', partial, 'req_42'),
          }),
          replay(textReply([' and that is all.'])),
        ],
      });
      await h.session.send('2+2?');

      const failed = h.of('turnUpdated').find((u) => u.turn.role === 'assistant' && u.turn.status === 'error');
      assert.ok(failed, 'the turn ends in error');
      assert.equal(failed.turn.interrupted, true);
      assert.equal(textOf(failed.turn.blocks), 'The answer is 4');
      assert.equal(failed.turn.error?.message, 'The connection dropped while Claude was answering. Try again.');
      assert.equal(failed.turn.error?.kind, 'stream_interrupted');
      assert.equal(failed.turn.error?.requestId, 'req_42');
      assert.equal(failed.turn.error?.retryable, true);

      await h.session.retry();
      assert.equal(h.client.requests.length, 2);
      const messages = h.client.requests[1]?.messages ?? [];
      // No prefill: the failed reply is an earlier attempt, kept to read but not sent.
      assert.equal(messages.length, 1);
      assert.equal(messages[0]?.role, 'user');
      assert.equal(textOf(messages[0]?.content), '2+2?');
      const answer = h.of('turnUpdated').at(-1)?.turn;
      assert.equal(answer?.status, 'done');
      const earlier = answer?.earlierVersions ?? [];
      assert.equal(earlier.length, 1, 'the new reply carries the failed one as its earlier version');
      assert.equal(earlier[0]?.id, failed.turn.id);
      assert.equal(textOf(earlier[0]?.blocks), 'The answer is 4', 'what it received stays readable');
      assert.equal(earlier[0]?.status, 'error');

      const saved = await h.store.load(h.session.conversationId);
      assert.deepEqual(
        saved?.turns.map((t) => (t.role === 'assistant' ? `${t.role}:${t.status}` : t.role)),
        ['user', 'assistant:done'],
      );
      assert.deepEqual(saved?.turns[0]?.earlierReplies?.map((version) => version.map((t) => t.id)), [[failed.turn.id]], 'the failed reply is saved as an earlier version');
    });

    it('takes the partial from any error that carries one, and uses a generic message for a plain Error', async () => {
      const h = await make({ scripts: [replay(textReply(['partial ', 'text']), { failAfter: 4 })] });
      await h.session.send('hi');
      const turn = h.of('turnUpdated').find((u) => u.turn.status === 'error')?.turn;
      assert.equal(textOf(turn?.blocks), 'partial text');
      assert.equal(turn?.interrupted, true);
      assert.equal(turn?.error?.kind, 'unexpected');
      assert.match(turn?.error?.message ?? '', /connection reset/);
    });

    it('marks an error before any content as not interrupted', async () => {
      const h = await make({
        scripts: [replay(textReply(['x']), { failAfter: 0, error: () => new ClaudeApiError('Overloaded. Try again.', { kind: 'overloaded_error', status: 529, retryable: true }) })],
      });
      await h.session.send('hi');
      const turn = h.of('turnUpdated').find((u) => u.turn.status === 'error')?.turn;
      assert.ok(turn);
      assert.equal(turn.interrupted, undefined);
      assert.deepEqual(turn.blocks, []);
      assert.deepEqual(turn.error, { message: 'Overloaded. Try again.', kind: 'overloaded_error', status: 529, retryable: true });
    });

    it('does nothing on retry() when the last turn is not an error', async () => {
      const h = await make({ scripts: [replay(textReply(['fine']))] });
      await h.session.retry();
      assert.equal(h.client.requests.length, 0);
      await h.session.send('hi');
      await h.session.retry();
      assert.equal(h.client.requests.length, 1);
    });

    it('ends the turn in error with the ViewError when there is no client, and makes no request', async () => {
      const noKey: ViewError = { message: 'Set your API key first (Claude Messages: Set API Key).', kind: 'no_api_key', retryable: false };
      const h = await make({ createClient: () => Promise.resolve(noKey), scripts: [replay(textReply(['never']))] });
      await h.session.send('hello?');
      assert.equal(h.client.requests.length, 0);
      assert.equal(h.builds.length, 0, 'no request body is built');
      const assistant = h.of('turnAdded').find((t) => t.turn.role === 'assistant');
      assert.ok(assistant?.requestId);
      const final = h.of('turnUpdated').find((u) => u.turn.id === assistant.turn.id && u.turn.status !== 'streaming');
      assert.equal(final?.turn.status, 'error');
      assert.deepEqual(final?.turn.error, noKey);
      assert.equal(final?.turn.interrupted, undefined);
      assert.equal(h.session.isBusy, false);
    });

    it('ends the turn in error when creating the client throws, and a later send still works', async () => {
      let calls = 0;
      const holder: { client?: FakeClient } = {};
      const h = await make({
        scripts: [replay(textReply(['fine']))],
        createClient: () => (calls++ === 0 ? Promise.reject(new Error('keychain locked')) : Promise.resolve(holder.client!)),
      });
      holder.client = h.client;
      await h.session.send('first');
      const failed = h.of('turnUpdated').find((u) => u.turn.role === 'assistant' && u.turn.status === 'error');
      assert.match(failed?.turn.error?.message ?? '', /keychain locked/);
      assert.equal(h.session.isBusy, false);
      await h.session.send('second');
      const last = h.of('turnUpdated').at(-1);
      assert.equal(last?.turn.role, 'assistant');
      assert.equal(last?.turn.status, 'done');
      assert.equal(h.client.requests.length, 1);
    });

    it('turns a throwing tool runner into is_error tool results and goes on', async () => {
      const h = await make({
        scripts: [
          replay([messageStart(), ...toolUseBlock(0, 'toolu_x', 'str_replace_based_edit_tool', { command: 'view', path: 'a.ts' }), ...messageEnd('tool_use')]),
          replay(textReply(['after the failure'])),
        ],
        tools: { definitions: () => [], run: () => Promise.reject(new Error('disk on fire')) },
      });
      await h.session.send('edit a.ts');
      const second = h.client.requests[1];
      const results = lastMessage(second)?.content as Array<{ type: string; is_error?: boolean; content?: unknown }>;
      assert.equal(results[0]?.type, 'tool_result');
      assert.equal(results[0]?.is_error, true);
      assert.match(String(results[0]?.content), /disk on fire/);
    });

    it('reports client retries as retrying messages', async () => {
      const error = new ClaudeApiError('Rate limited; waiting.', { kind: 'rate_limit_error', status: 429, retryable: true });
      const h = await make({
        scripts: [
          replay(textReply(['ok']), {
            retries: [
              { attempt: 1, delayMs: 500, error },
              { attempt: 2, delayMs: 1000, error },
            ],
          }),
        ],
      });
      await h.session.send('hi');
      const requestId = h.of('turnAdded').find((t) => t.requestId)?.requestId;
      assert.deepEqual(h.of('retrying'), [
        { type: 'retrying', requestId, attempt: 1, delayMs: 500, reason: 'Rate limited; waiting.' },
        { type: 'retrying', requestId, attempt: 2, delayMs: 1000, reason: 'Rate limited; waiting.' },
      ]);
    });
  });

  describe('continuations', () => {
    it('sends again after pause_turn with the paused content as the last message, up to 5 times', async () => {
      const paused = (n: number) => replay(textReply([`part ${n} `], 'pause_turn'));
      const h = await make({ scripts: [paused(1), paused(2), paused(3), paused(4), paused(5), paused(6), paused(7)] });
      await h.session.send('search the web');

      assert.equal(h.client.requests.length, 6, 'the first request and 5 continuations');
      const second = lastMessage(h.client.requests[1]);
      assert.equal(second?.role, 'assistant');
      // Trailing whitespace of a final assistant message is trimmed for the API.
      assert.equal(textOf(second?.content), 'part 1');
      const sixth = lastMessage(h.client.requests[5]);
      assert.equal(textOf(sixth?.content), 'part 1 part 2 part 3 part 4 part 5');
      assert.equal(h.of('turnAdded').filter((t) => t.turn.role === 'assistant').length, 6);
      // One request id for the whole reply.
      assert.equal(new Set(h.of('turnAdded').flatMap((t) => (t.requestId ? [t.requestId] : []))).size, 1);
    });

    it('stops after the pause when the continuation ends the turn', async () => {
      const h = await make({ scripts: [replay(textReply(['first'], 'pause_turn')), replay(textReply(['second'])), replay(textReply(['never']))] });
      await h.session.send('go');
      assert.equal(h.client.requests.length, 2);
    });

    it('continueReply() after max_tokens sends the partial reply back as the last message to a model that takes a prefill', async () => {
      const h = await make({ acceptsPrefill: true, scripts: [replay(textReply(['A long answer that was cut '], 'max_tokens')), replay(textReply(['off here.']))] });
      await h.session.send('Write a lot');
      assert.equal(h.client.requests.length, 1, 'max_tokens does not continue by itself');
      const cut = h.of('turnUpdated').find((u) => u.turn.status === 'done');
      assert.equal(cut?.turn.stopReason, 'max_tokens');

      await h.session.continueReply();
      assert.equal(h.client.requests.length, 2);
      const last = lastMessage(h.client.requests[1]);
      assert.equal(last?.role, 'assistant');
      assert.equal(textOf(last?.content), 'A long answer that was cut');
      assert.equal(h.client.requests[1]?.messages.length, 2);
    });

    it('continueReply() on a model that refuses prefill asks to go on in a user turn shown as part of the reply', async () => {
      const h = await make({ scripts: [replay(textReply(['A long answer that was cut '], 'max_tokens')), replay(textReply(['off here.']))] });
      await h.session.send('Write a lot');
      await h.session.continueReply();
      assert.equal(h.client.requests.length, 2);
      const messages = h.client.requests[1]?.messages ?? [];
      assert.deepEqual(messages.map((m) => m.role), ['user', 'assistant', 'user']);
      assert.equal(textOf(messages[1]?.content), 'A long answer that was cut ', 'sent as received: only a final assistant message must not end in whitespace');
      assert.equal(textOf(messages[2]?.content), CONTINUE_PROMPT);
      const seam = h.of('turnAdded').find((t) => t.turn.role === 'user' && t.turn.continueRequest);
      assert.ok(seam, 'the continue request is marked, so the view shows it as a seam, not a question');
      const last = h.of('turnUpdated').at(-1);
      assert.equal(last?.turn.status, 'done');
      assert.equal(textOf(last?.turn.blocks), 'off here.');
    });

    it('a message after a reply stopped before any text sends no empty block and no empty message', async () => {
      const h: Harness = await make({
        scripts: [
          replay([messageStart(), { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }], { waitForAbortAfter: 2, onWaiting: () => h.session.stop() }),
          replay(textReply(['Sure.'])),
        ],
      });
      await h.session.send('first');
      await h.session.send('second');
      const messages = h.client.requests[1]?.messages ?? [];
      assert.deepEqual(messages.map((m) => m.role), ['user'], 'the empty stopped reply is left out, the two questions merged');
      const blocks = messages[0]?.content as Array<{ type: string; text?: string }>;
      assert.deepEqual(blocks.map((b) => b.text), ['first', 'second']);
    });

    it('continueReply() does nothing when the last turn is a user turn or there is none', async () => {
      const h = await make();
      await h.session.continueReply();
      assert.equal(h.client.requests.length, 0);
      assert.equal(h.builds.length, 0);
    });
  });

  describe('client tools', () => {
    function toolReply(id: string): ReturnType<typeof replay> {
      return replay([messageStart(), ...textBlock(0, ['Let me look.']), ...toolUseBlock(1, id, 'str_replace_based_edit_tool', { command: 'view', path: 'a.ts' }), ...messageEnd('tool_use')]);
    }
    function fakeTools(): ToolPort & { calls: ToolUseBlock[][] } {
      const calls: ToolUseBlock[][] = [];
      return {
        calls,
        definitions: () => [{ type: 'text_editor_20250728', name: 'str_replace_based_edit_tool' }],
        run: (blocks) => {
          calls.push(structuredClone(blocks));
          return Promise.resolve(blocks.map((b): ToolResultBlock => ({ type: 'tool_result', tool_use_id: b.id, content: `contents of a.ts for ${b.id}` })));
        },
      };
    }

    it('runs the tool calls, appends the results as a user turn and sends again', async () => {
      const tools = fakeTools();
      const h = await make({ tools, scripts: [toolReply('toolu_1'), replay(textReply(['a.ts is short.']))] });
      await h.session.send('What is in a.ts?');

      assert.equal(tools.calls.length, 1);
      assert.deepEqual(tools.calls[0], [{ type: 'tool_use', id: 'toolu_1', name: 'str_replace_based_edit_tool', input: { command: 'view', path: 'a.ts' } }]);
      assert.equal(h.client.requests.length, 2);
      assert.deepEqual(h.client.requests[0]?.tools, [{ type: 'text_editor_20250728', name: 'str_replace_based_edit_tool' }]);
      const messages = h.client.requests[1]?.messages ?? [];
      assert.deepEqual(
        messages.map((m) => m.role),
        ['user', 'assistant', 'user'],
      );
      assert.deepEqual(messages[2]?.content, [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'contents of a.ts for toolu_1' }]);

      const toolTurn = h.of('turnAdded').filter((t) => t.turn.role === 'user')[1];
      assert.ok(toolTurn, 'the tool results are shown as a user turn');
      assert.equal(toolTurn.turn.blocks[0]?.type, 'tool_result');
      const saved = await h.store.load(h.session.conversationId);
      assert.deepEqual(
        saved?.turns.map((t) => t.role),
        ['user', 'assistant', 'user', 'assistant'],
      );
    });

    it('stops at maxToolRounds with a notice', async () => {
      const tools = fakeTools();
      const h = await make({ tools, maxToolRounds: 2, scripts: [toolReply('toolu_1'), toolReply('toolu_2'), toolReply('toolu_3'), toolReply('toolu_4')] });
      await h.session.send('loop forever');
      assert.equal(tools.calls.length, 2);
      assert.equal(h.client.requests.length, 3);
      const notice = h.of('notice').at(-1);
      assert.equal(notice?.level, 'warning');
      assert.match(notice?.message ?? '', /Stopped after 2 tool rounds/);
      assert.equal(h.session.isBusy, false);
    });

    it('does not run tools when the session has none', async () => {
      const h = await make({ scripts: [toolReply('toolu_1'), replay(textReply(['never']))] });
      await h.session.send('hi');
      assert.equal(h.client.requests.length, 1);
      assert.deepEqual(h.builds[0]?.tools, []);
    });
  });

  describe('conversations', () => {
    it('newChat() starts an empty conversation and posts init', async () => {
      const h = await make({ scripts: [replay(textReply(['hi']))] });
      await h.session.send('hello');
      const oldId = h.session.conversationId;
      await h.session.newChat();
      assert.notEqual(h.session.conversationId, oldId);
      const init = h.of('init').at(-1);
      assert.ok(init);
      assert.equal(init.state.conversationId, h.session.conversationId);
      assert.deepEqual(init.state.turns, []);
      assert.equal(init.state.totals.inputTokens, 0);
      assert.deepEqual(init.state.controls, CONTROLS);
      assert.equal(init.state.apiKey, 'set');
      assert.equal(await h.store.getLastOpenId(), undefined);
      // The old conversation is still saved.
      assert.equal((await h.store.load(oldId))?.turns.length, 2);
    });

    it('open(id) loads a saved conversation and remembers it', async () => {
      const h = await make({ scripts: [replay(textReply(['first answer'])), replay(textReply(['second answer']))] });
      await h.session.send('first question');
      const firstId = h.session.conversationId;
      await h.session.newChat();
      await h.session.send('second question');
      const secondId = h.session.conversationId;
      assert.notEqual(firstId, secondId);

      await h.session.open(firstId);
      assert.equal(h.session.conversationId, firstId);
      const init = h.of('init').at(-1);
      assert.equal(init?.state.conversationId, firstId);
      assert.deepEqual(
        init?.state.turns.map((t) => textOf(t.blocks)),
        ['first question', 'first answer'],
      );
      assert.deepEqual(
        init?.state.history.map((s) => s.id).sort(),
        [firstId, secondId].sort(),
      );
      assert.equal(await h.store.getLastOpenId(), firstId);
    });

    it('open() of an unreadable id posts a warning and keeps the open conversation', async () => {
      const h = await make({ scripts: [replay(textReply(['kept']))] });
      await h.session.send('hi');
      const id = h.session.conversationId;
      const inits = h.of('init').length;
      await h.session.open('does-not-exist');
      assert.equal(h.session.conversationId, id);
      assert.equal(h.of('init').length, inits);
      assert.equal(h.of('notice').at(-1)?.level, 'warning');
    });

    it('restore() reopens the conversation that was open last', async () => {
      const first = await make({ scripts: [replay(textReply(['remembered']))] });
      await first.session.send('remember me');
      const id = first.session.conversationId;

      const second = await make({ dir: first.dir, idPrefix: 'b' });
      assert.notEqual(second.session.conversationId, id);
      await second.session.restore();
      assert.equal(second.session.conversationId, id);
      const init = second.of('init').at(-1);
      assert.ok(init);
      assert.deepEqual(
        init.state.turns.map((t) => textOf(t.blocks)),
        ['remember me', 'remembered'],
      );
      assert.deepEqual(
        init.state.history.map((s) => s.id),
        [id],
      );
      assert.equal(init.state.totals.outputTokens, 20);
    });

    it('restore() with nothing saved posts an empty init', async () => {
      const h = await make();
      const id = h.session.conversationId;
      await h.session.restore();
      assert.equal(h.session.conversationId, id);
      assert.deepEqual(h.of('init').at(-1)?.state.turns, []);
      assert.deepEqual(h.of('init').at(-1)?.state.history, []);
    });

    it('rename() renames on disk and in the open conversation, and posts the history', async () => {
      const h = await make({ scripts: [replay(textReply(['ok']))] });
      await h.session.send('a question');
      await h.session.rename(h.session.conversationId, 'My title');
      assert.equal(h.of('history').at(-1)?.history[0]?.title, 'My title');
      assert.equal((await h.store.load(h.session.conversationId))?.title, 'My title');
      assert.equal(h.session.state().title, 'My title');
      assert.equal((await h.session.export(h.session.conversationId, 'json'))?.title, 'My title');
    });

    it('delete() of another conversation removes it from the history', async () => {
      const h = await make({ scripts: [replay(textReply(['one'])), replay(textReply(['two']))] });
      await h.session.send('first');
      const firstId = h.session.conversationId;
      await h.session.newChat();
      await h.session.send('second');
      const secondId = h.session.conversationId;

      await h.session.delete(firstId);
      assert.equal(h.session.conversationId, secondId);
      assert.deepEqual(
        h.of('history').at(-1)?.history.map((s) => s.id),
        [secondId],
      );
      assert.equal(await h.store.load(firstId), undefined);
    });

    it('delete() of the open conversation starts a new chat and the history no longer lists it', async () => {
      const h = await make({ scripts: [replay(textReply(['bye']))] });
      await h.session.send('delete me');
      const id = h.session.conversationId;
      const posted = h.posts.length;

      await h.session.delete(id);
      assert.notEqual(h.session.conversationId, id);
      assert.equal(await h.store.load(id), undefined);
      const init = h.posts.slice(posted).find((m) => m.type === 'init');
      assert.ok(init, 'a new chat is shown');
      assert.deepEqual(init.state.turns, []);
      // Whatever the view was told last about the history must not list the deleted one.
      const lastHistory = h.posts
        .slice(posted)
        .flatMap((m) => (m.type === 'history' ? [m.history] : m.type === 'init' ? [m.state.history] : []))
        .at(-1);
      assert.deepEqual(lastHistory, []);
      assert.deepEqual(h.session.state().history, []);
    });

    it('open() during a reply stops it, saves it and then shows the other conversation', async () => {
      let opened: Promise<void> | undefined;
      let otherId = '';
      const h: Harness = await make({
        scripts: [
          replay(textReply(['other answer'])),
          replay(textReply(['Half ', 'way', ' there']), {
            waitForAbortAfter: 4,
            onWaiting: () => {
              opened = h.session.open(otherId);
            },
          }),
        ],
      });
      await h.session.send('other question');
      otherId = h.session.conversationId;
      await h.session.newChat();
      const streamingId = h.session.conversationId;
      await h.session.send('streaming question');
      await opened;

      assert.equal(h.session.conversationId, otherId);
      assert.equal(h.session.isBusy, false);
      assert.deepEqual(
        h.session.state().turns.map((t) => textOf(t.blocks)),
        ['other question', 'other answer'],
      );
      const stopped = (await h.store.load(streamingId))?.turns[1];
      assert.equal(stopped?.role === 'assistant' && stopped.status, 'stopped');
      assert.equal(textOf(stopped?.role === 'assistant' ? stopped.content : []), 'Half way');
      assert.equal(await h.store.getLastOpenId(), otherId);
    });

    it('delete() of the open conversation while it streams does not save it back', async () => {
      let deleted: Promise<void> | undefined;
      const h: Harness = await make({
        scripts: [
          replay(textReply(['going ', 'on', ' and on']), {
            waitForAbortAfter: 3,
            onWaiting: () => {
              deleted = h.session.delete(h.session.conversationId);
            },
          }),
        ],
      });
      const id = h.session.conversationId;
      await h.session.send('hi');
      await deleted;
      assert.notEqual(h.session.conversationId, id);
      assert.equal(await h.store.load(id), undefined);
      assert.deepEqual(await h.store.list(), []);
      assert.deepEqual(h.session.state().history, []);
    });

    it('export() gives Markdown and JSON with the text, also of a conversation not open', async () => {
      const h = await make({ scripts: [replay(textReply(['The answer is **42**.'])), replay(textReply(['other']))] });
      await h.session.send('What is the answer?');
      const id = h.session.conversationId;

      const md = await h.session.export(id, 'markdown');
      assert.ok(md);
      assert.equal(md.title, 'What is the answer?');
      assert.match(md.text, /What is the answer\?/);
      assert.match(md.text, /The answer is \*\*42\*\*\./);

      await h.session.newChat();
      const json = await h.session.export(id, 'json');
      assert.ok(json);
      const parsed = JSON.parse(json.text) as unknown;
      assert.match(JSON.stringify(parsed), /The answer is \*\*42\*\*\./);
      assert.match(JSON.stringify(parsed), /What is the answer\?/);

      assert.equal(await h.session.export('missing-id', 'markdown'), undefined);
    });

    it('newChat() during a reply stops it, keeps it saved, and leaves a clean new chat', async () => {
      let switched: Promise<void> | undefined;
      const h: Harness = await make({
        scripts: [
          replay(textReply(['Half an ', 'answer', ' and more']), {
            waitForAbortAfter: 4,
            onWaiting: () => {
              switched = h.session.newChat();
            },
          }),
          replay(textReply(['fresh'])),
        ],
      });
      const oldId = h.session.conversationId;
      await h.session.send('question');
      await switched;

      assert.notEqual(h.session.conversationId, oldId);
      assert.equal(h.session.isBusy, false);
      assert.deepEqual(h.session.state().turns, []);
      const old = await h.store.load(oldId);
      const turn = old?.turns[1];
      assert.equal(turn?.role === 'assistant' && turn.status, 'stopped');
      assert.equal(textOf(turn?.role === 'assistant' ? turn.content : []), 'Half an answer');

      // The new chat works.
      await h.session.send('next');
      assert.deepEqual(
        h.client.requests[1]?.messages.map((m) => textOf(m.content)),
        ['next'],
      );
    });
  });

  describe('other', () => {
    it('addExchange() records a finished pair without a request', async () => {
      const h = await make();
      const reply: Message = {
        id: 'msg_x',
        type: 'message',
        role: 'assistant',
        model: MODEL,
        content: [{ type: 'text', text: 'No change needed.' }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 5, output_tokens: 6 },
      };
      h.session.addExchange({ blocks: [{ type: 'text', text: 'Fix this' }], chips: [] }, reply);
      assert.equal(h.client.requests.length, 0);
      await until(() => h.of('history').length > 0);
      assert.deepEqual(
        (await h.store.load(h.session.conversationId))?.turns.map((t) => t.role),
        ['user', 'assistant'],
      );
      const added = h.of('turnAdded');
      assert.deepEqual(
        added.map((t) => t.turn.role),
        ['user', 'assistant'],
      );
      const updated = h.of('turnUpdated').at(-1);
      assert.equal(updated?.turn.status, 'done');
      assert.equal(updated?.totals.outputTokens, 6);
    });

    it('refreshControls() posts the controls and the key state', async () => {
      const h = await make();
      h.session.refreshControls();
      assert.deepEqual(h.posts, [
        { type: 'controls', controls: CONTROLS },
        { type: 'apiKey', apiKey: 'set' },
      ]);
    });

    it('replay() reports the active request while streaming', async () => {
      let during: string | undefined;
      const h: Harness = await make({
        scripts: [
          replay(textReply(['x']), {
            waitForAbortAfter: 2,
            onWaiting: () => {
              const init = h.session.replay();
              during = init.type === 'init' ? init.state.activeRequestId : undefined;
              h.session.stop();
            },
          }),
        ],
      });
      await h.session.send('hi');
      const requestId = h.of('turnAdded').find((t) => t.requestId)?.requestId;
      assert.ok(requestId);
      assert.equal(during, requestId);
      const after = h.session.replay();
      assert.equal(after.type === 'init' ? after.state.activeRequestId : 'x', undefined);
    });
  });
});
