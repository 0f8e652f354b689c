import * as assert from 'node:assert/strict';
import { PromptCache, countPromptTokens, promptBlocks, textReply } from '../../server/server';
import type { TestServer } from '../../server/server';
import { deltaUsage, messagesBody, post, startUsage, streamEvents, useServer } from './helpers';

const CC = { type: 'ephemeral' } as const;
const SYSTEM = 'You are a careful assistant. '.repeat(200);

interface Figures {
  input: number;
  read: number;
  created: number;
  created5m: number;
  created1h: number;
}

async function usageOf(server: TestServer, body: Record<string, unknown>): Promise<Figures> {
  const events = await streamEvents(server, body);
  const start = startUsage(events);
  const perTtl = start.cache_creation as { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  const figures = {
    input: start.input_tokens as number,
    read: start.cache_read_input_tokens as number,
    created: start.cache_creation_input_tokens as number,
    created5m: perTtl.ephemeral_5m_input_tokens,
    created1h: perTtl.ephemeral_1h_input_tokens,
  };
  const delta = deltaUsage(events);
  assert.equal(delta.cache_read_input_tokens, figures.read, 'message_delta repeats the cumulative figures');
  assert.equal(figures.input + figures.read + figures.created, countPromptTokens(body), 'the three add up to the prompt');
  return figures;
}

function body(messages: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return messagesBody('', { system: [{ type: 'text', text: SYSTEM, cache_control: CC }], messages, ...extra });
}

function user(text: string, cached = false): Record<string, unknown> {
  return { role: 'user', content: [{ type: 'text', text, ...(cached ? { cache_control: CC } : {}) }] };
}

describe('test server: prompt-cache simulation', () => {
  const server = useServer();

  it('the first request writes its breakpoints; an identical follow-up reads them', async () => {
    const request = body([user('Question one', true)]);
    const first = await usageOf(server(), request);
    assert.equal(first.read, 0);
    assert.equal(first.created, countPromptTokens(request));
    assert.equal(first.created5m, first.created);
    assert.equal(first.input, 0);
    const second = await usageOf(server(), request);
    assert.equal(second.read, countPromptTokens(request));
    assert.equal(second.created, 0);
  });

  it('a growing conversation reads at least 97% of its prompt on follow-up turns', async () => {
    const messages: unknown[] = [];
    for (let turn = 1; turn <= 4; turn++) {
      // Only the newest user message carries a breakpoint; earlier ones are sent without it.
      const history = messages.map((message) => message);
      const request = body([...history, user(`Question number ${turn}?`, true)]);
      const figures = await usageOf(server(), request);
      if (turn > 1) {
        const share = figures.read / countPromptTokens(request);
        assert.ok(share >= 0.97, `turn ${turn}: ${(share * 100).toFixed(1)}% read`);
      }
      messages.push(user(`Question number ${turn}?`), { role: 'assistant', content: [{ type: 'text', text: `Answer ${turn}.` }] });
    }
  });

  it('a changed byte in the prefix means no read', async () => {
    await usageOf(server(), body([user('Hi', true)]));
    const changed = messagesBody('', { system: [{ type: 'text', text: SYSTEM.replace('careful', 'carefull'), cache_control: CC }], messages: [user('Hi', true)] });
    const figures = await usageOf(server(), changed);
    assert.equal(figures.read, 0);
    assert.equal(figures.created, countPromptTokens(changed));
  });

  it('reads a prefix written up to 20 blocks before a breakpoint, not 21', async () => {
    const systemOnly = (messages: unknown[]): Record<string, unknown> => messagesBody('', { system: [{ type: 'text', text: SYSTEM }], messages });
    await usageOf(server(), body([user('first')]));
    const systemTokens = countPromptTokens(messagesBody('', { system: SYSTEM, messages: [] }));
    // `count` blocks of one user message after the system block (block 0); only the last carries a
    // breakpoint, so the breakpoint is block `count`. (One message, so it ends on a user turn.)
    const many = (count: number, tag: string): unknown[] => [{
      role: 'user',
      content: Array.from({ length: count }, (_, i) => ({ type: 'text', text: `${tag} ${i}`, ...(i === count - 1 ? { cache_control: CC } : {}) })),
    }];
    const tooFar = await usageOf(server(), systemOnly(many(21, 'far')));
    assert.equal(tooFar.read, 0, 'a breakpoint 21 blocks after the written prefix does not find it');
    const near = await usageOf(server(), systemOnly(many(20, 'near')));
    assert.equal(near.read, systemTokens, 'a breakpoint 20 blocks after it does');
  });

  it('splits cache creation by ttl and rejects 1h after 5m', async () => {
    const request = messagesBody('', {
      system: [{ type: 'text', text: SYSTEM, cache_control: { type: 'ephemeral', ttl: '1h' } }],
      messages: [user('question '.repeat(50), true)],
    });
    const figures = await usageOf(server(), request);
    assert.ok(figures.created1h > 0 && figures.created5m > 0);
    assert.equal(figures.created1h + figures.created5m, figures.created);
    assert.ok(figures.created1h > figures.created5m, 'the long system prompt is the 1h part');
    const wrongOrder = messagesBody('', {
      system: [{ type: 'text', text: SYSTEM, cache_control: CC }],
      messages: [user('q', false), { role: 'assistant', content: [{ type: 'text', text: 'a', cache_control: { type: 'ephemeral', ttl: '1h' } }] }, user('q2')],
    });
    const refused = await post(server(), '/v1/messages', wrongOrder);
    assert.equal(refused.status, 400);
    assert.match(((await refused.json()) as { error: { message: string } }).error.message, /ttl='1h' cache_control block must not come after/);
  });

  it('rejects more than 4 breakpoints with 400', async () => {
    const messages = Array.from({ length: 5 }, (_, i) => user(`m${i}`, true));
    const response = await post(server(), '/v1/messages', messagesBody('', { messages }));
    assert.equal(response.status, 400);
    assert.match(((await response.json()) as { error: { message: string } }).error.message, /maximum of 4/);
  });

  it('changing thinking keeps the system prefix cached but not the messages', async () => {
    const request = body([user('Hello', true)], { thinking: { type: 'disabled' } });
    await usageOf(server(), request);
    const systemTokens = countPromptTokens(messagesBody('', { system: SYSTEM, messages: [] }));
    const again = await usageOf(server(), { ...request, thinking: { type: 'adaptive' } });
    assert.ok(Math.abs(again.read - systemTokens) <= 1, `read only the system prefix (${again.read} vs ${systemTokens})`);
  });

  it('top-level cache_control caches the whole prompt (automatic caching)', async () => {
    const request = messagesBody('', { system: SYSTEM, messages: [user('Hi')], cache_control: CC });
    await usageOf(server(), request);
    assert.equal((await usageOf(server(), request)).read, countPromptTokens(request));
  });

  it('no cache_control means no reads or writes', async () => {
    const request = messagesBody('', { system: SYSTEM, messages: [user('Hi')] });
    await usageOf(server(), request);
    const figures = await usageOf(server(), request);
    assert.deepEqual([figures.read, figures.created], [0, 0]);
  });

  it('scripted replies get simulated usage, and explicit usage fields win', async () => {
    const request = body([user('Hi', true)]);
    server().enqueue(textReply('one'), textReply('two', { usage: { input_tokens: 3, cache_read_input_tokens: 99 } }));
    const first = await usageOf(server(), request);
    assert.ok(first.created > 0);
    const events = await streamEvents(server(), request);
    assert.equal(startUsage(events).input_tokens, 3);
    assert.equal(deltaUsage(events).cache_read_input_tokens, 99);
    assert.equal(server().replies[1]?.usage?.cache_read_input_tokens, 99, 'the recorded final usage is what was sent');
  });

  it('reset() empties the cache', async () => {
    const request = body([user('Hi', true)]);
    await usageOf(server(), request);
    server().reset();
    assert.equal((await usageOf(server(), request)).read, 0);
  });

  it('reset() empties requests but keeps the whole-run history', async () => {
    await usageOf(server(), body([user('First', false)]));
    server().reset();
    await usageOf(server(), body([user('Second', false)]));
    assert.equal(server().requests.length, 1);
    assert.deepEqual(server().history.map((r) => r.path), ['/v1/messages', '/v1/messages']);
    assert.match(server().history[0]!.body, /First/);
  });
});

describe('PromptCache', () => {
  const blocks = (texts: string[], breakpoints: Record<number, '5m' | '1h'>): ReturnType<typeof promptBlocks> =>
    texts.map((text, index) => (breakpoints[index] ? { text, cacheControl: { type: 'ephemeral', ttl: breakpoints[index] } } : { text }));

  it('expires 5m entries after five minutes and refreshes them on read', () => {
    let now = 0;
    const cache = new PromptCache(() => now);
    const prompt = blocks(['a'.repeat(400), 'b'.repeat(40)], { 0: '5m' });
    assert.equal(cache.simulate('m', prompt).cacheCreationTokens, 100);
    now = 4 * 60_000;
    assert.equal(cache.simulate('m', prompt).cacheReadTokens, 100, 'read at 4 min refreshes');
    now = 8 * 60_000;
    assert.equal(cache.simulate('m', prompt).cacheReadTokens, 100, 'still there 4 min after the refresh');
    now = 14 * 60_000;
    assert.equal(cache.simulate('m', prompt).cacheReadTokens, 0, 'expired');
  });

  it('keeps entries per model and honours minCacheableTokens', () => {
    const cache = new PromptCache();
    const prompt = blocks(['a'.repeat(400)], { 0: '5m' });
    cache.simulate('m1', prompt);
    assert.equal(cache.simulate('m2', prompt).cacheReadTokens, 0);
    const small = new PromptCache();
    assert.equal(small.simulate('m', prompt, 1024).cacheCreationTokens, 0);
    assert.equal(small.simulate('m', prompt, 1024).cacheReadTokens, 0);
  });

  it('ignores cache_control and key order when comparing prefixes', () => {
    const a = promptBlocks({ system: [{ type: 'text', text: 'x', cache_control: CC }], messages: [{ role: 'user', content: 'hi' }] });
    const b = promptBlocks({ messages: [{ content: 'hi', role: 'user' }], system: [{ text: 'x', type: 'text' }] });
    assert.deepEqual(a.map((block) => block.text), b.map((block) => block.text));
  });
});
