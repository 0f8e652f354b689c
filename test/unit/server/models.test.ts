import * as assert from 'node:assert/strict';
import { countPromptTokens } from '../../server/server';
import { GOOD_HEADERS, post, useServer } from './helpers';

interface Page {
  data: Array<{ type: string; id: string; display_name: string; created_at: string; capabilities?: unknown }>;
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
}

describe('test server: models and count_tokens', () => {
  const server = useServer({ models: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id })) });

  async function page(query: string): Promise<Page> {
    const response = await fetch(`${server().url}/v1/models${query}`, { headers: GOOD_HEADERS });
    assert.equal(response.status, 200);
    return (await response.json()) as Page;
  }

  it('lists models in the API shape', async () => {
    const all = await page('');
    assert.deepEqual(all.data.map((model) => model.id), ['a', 'b', 'c', 'd', 'e']);
    assert.equal(all.has_more, false);
    assert.equal(all.first_id, 'a');
    assert.equal(all.last_id, 'e');
    const first = all.data[0];
    assert.equal(first?.type, 'model');
    assert.equal(typeof first?.display_name, 'string');
    assert.ok(!Number.isNaN(Date.parse(first?.created_at ?? '')));
    assert.ok(first?.capabilities);
  });

  it('pages with limit and after_id', async () => {
    const one = await page('?limit=2');
    assert.deepEqual([one.data.map((m) => m.id), one.has_more, one.first_id, one.last_id], [['a', 'b'], true, 'a', 'b']);
    const two = await page(`?limit=2&after_id=${one.last_id}`);
    assert.deepEqual([two.data.map((m) => m.id), two.has_more], [['c', 'd'], true]);
    const three = await page(`?limit=2&after_id=${two.last_id}`);
    assert.deepEqual([three.data.map((m) => m.id), three.has_more, three.last_id], [['e'], false, 'e']);
  });

  it('pages backwards with before_id', async () => {
    const back = await page('?limit=2&before_id=e');
    assert.deepEqual([back.data.map((m) => m.id), back.has_more], [['c', 'd'], true]);
  });

  it('gets one model, 404 for an unknown one, and 404 for the list when models is null', async () => {
    const one = await fetch(`${server().url}/v1/models/c`, { headers: GOOD_HEADERS });
    assert.equal(((await one.json()) as { id: string }).id, 'c');
    assert.equal((await fetch(`${server().url}/v1/models/zzz`, { headers: GOOD_HEADERS })).status, 404);
    server().configure({ models: null });
    assert.equal((await fetch(`${server().url}/v1/models`, { headers: GOOD_HEADERS })).status, 404);
  });

  it('needs auth for models', async () => {
    assert.equal((await fetch(`${server().url}/v1/models`, { headers: { 'anthropic-version': '2023-06-01' } })).status, 401);
  });

  it('answers 404 not_found_error for a model it does not serve, and serves ids from the configured list', async () => {
    const response = await post(server(), '/v1/messages', { model: 'nope', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] });
    assert.equal(response.status, 404);
    const body = (await response.json()) as { error: { type: string; message: string } };
    assert.deepEqual(body.error, { type: 'not_found_error', message: 'model: nope' });
    const listed = await post(server(), '/v1/messages', { model: 'c', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] });
    assert.equal(listed.status, 200);
    await listed.text();
    assert.deepEqual(server().takeRefused().map((refusal) => refusal.rule), ['unknown-model']);
  });

  it('count_tokens answers ceil(chars/4) of the canonical prompt, growing with the prompt', async () => {
    const small = { model: 'a', messages: [{ role: 'user', content: 'hi' }] };
    const big = { ...small, system: 'x'.repeat(400), tools: [{ name: 't', input_schema: { type: 'object' } }] };
    const count = async (body: unknown): Promise<number> => {
      const response = await post(server(), '/v1/messages/count_tokens', body);
      assert.equal(response.status, 200);
      return ((await response.json()) as { input_tokens: number }).input_tokens;
    };
    const smallCount = await count(small);
    const bigCount = await count(big);
    assert.equal(smallCount, countPromptTokens(small));
    assert.ok(smallCount > 0);
    assert.ok(bigCount >= smallCount + 100, 'the 400-char system prompt adds at least 100 tokens');
    assert.equal(server().replies.at(-1)?.kind, 'count_tokens');
  });

  it('count_tokens validates the body', async () => {
    const response = await post(server(), '/v1/messages/count_tokens', { messages: [] });
    assert.equal(response.status, 400);
  });
});
