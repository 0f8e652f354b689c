import * as assert from 'node:assert/strict';
import { RULES, stopReasonReply } from '../../../server/server';
import { CONVERSATION_CASES } from './conversationCases';
import { MEDIA_CASES } from './mediaCases';
import { PARAMETER_CASES } from './parameterCases';
import { REQUEST_CASES } from './requestCases';
import { assistant, describeRuleCases, request, user } from './ruleCases';
import { THINKING_CASES } from './thinkingCases';
import { GOOD_HEADERS, post, useServer } from '../helpers';

const ALL_CASES = [...REQUEST_CASES, ...CONVERSATION_CASES, ...THINKING_CASES, ...PARAMETER_CASES, ...MEDIA_CASES];

describe('test server rules: every rule has a case', () => {
  it('covers each rule id (plus body-shape and unknown-model) with a refused and a corrected request', () => {
    const covered = new Set(ALL_CASES.map((ruleCase) => ruleCase.rule));
    const missing = [...RULES.map((rule) => rule.id), 'body-shape', 'unknown-model'].filter((id) => !covered.has(id));
    assert.deepEqual(missing, []);
  });

  it('gives every rule a unique id, a source and a model set', () => {
    const ids = RULES.map((rule) => rule.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const rule of RULES) {
      assert.ok(rule.source.length > 10, `${rule.id} says where it is documented`);
      assert.ok(rule.appliesTo.label, `${rule.id} names its models`);
    }
  });
});

/** Requests the API takes, which a server stricter than the API would wrongly refuse. */
const ACCEPTED: Array<[string, Record<string, unknown>]> = [
  ['prefill on Opus 4.5', request('claude-opus-4-5', [user('Hi'), assistant('Well,')])],
  ['temperature, top_p and top_k together on Opus 4.6', request('claude-opus-4-6', [user('Hi')], { temperature: 0.2, top_p: 0.8, top_k: 5 })],
  ['manual thinking on Sonnet 4.6 (deprecated, not refused)', request('claude-sonnet-4-6', [user('Hi')], { thinking: { type: 'enabled', budget_tokens: 2048 } })],
  ['a forced tool on Opus 5 with thinking off', request('claude-opus-5', [user('Hi')], {
    thinking: { type: 'disabled' }, tools: [{ name: 't', input_schema: { type: 'object' } }], tool_choice: { type: 'tool', name: 't' },
  })],
  ['xhigh on Opus 4.7', request('claude-opus-4-7', [user('Hi')], { output_config: { effort: 'xhigh' } })],
  ['max on Haiku 5.5', request('claude-haiku-5-5', [user('Hi')], { output_config: { effort: 'max' } })],
  ['two user messages in a row after a tool call (the API merges them into one turn)', request('claude-sonnet-5', [
    user('Read a.ts'), assistant([{ type: 'tool_use', id: 'toolu_1', name: 't', input: {} }]),
    user([{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'done' }]), user('And now?'),
  ])],
  ['an empty-text thinking block with its signature (display omitted)', request('claude-sonnet-5-5', [
    user('Hi'), assistant([{ type: 'thinking', thinking: '', signature: 'sig' }, { type: 'text', text: 'Hello.' }]), user('More'),
  ])],
];

describe('test server rules: what the API takes', () => {
  const server = useServer();
  for (const [title, body] of ACCEPTED) {
    it(`accepts ${title}`, async () => {
      const response = await post(server(), '/v1/messages', body);
      assert.equal(response.status, 200, await response.clone().text());
      await response.text();
      assert.deepEqual(server().refused, []);
    });
  }
});

describeRuleCases('test server rules: the request', REQUEST_CASES);
describeRuleCases('test server rules: the conversation', CONVERSATION_CASES);
describeRuleCases('test server rules: thinking', THINKING_CASES);
describeRuleCases('test server rules: tool choice, sampling, effort, cache_control', PARAMETER_CASES);
describeRuleCases('test server rules: images and documents', MEDIA_CASES);

describe('test server rules: pause_turn, lenient mode and the reply queue', () => {
  const server = useServer();

  it('accepts sending a paused turn back as it arrived (it ends on the unrun server tool call)', async () => {
    server().enqueue(stopReasonReply('pause_turn'));
    const first = await post(server(), '/v1/messages', request('claude-sonnet-5-5', [user('Search the web')]));
    const paused = (await first.json()) as { content: unknown[]; stop_reason: string };
    assert.equal(paused.stop_reason, 'pause_turn');
    const again = await post(server(), '/v1/messages', request('claude-sonnet-5-5', [user('Search the web'), assistant(paused.content)]));
    assert.equal(again.status, 200, await again.clone().text());
    await again.text();
    assert.deepEqual(server().refused, []);
  });

  it('checks nothing but the shape in lenient mode, and strict comes back with reset()', async () => {
    server().configure({ rules: 'lenient' });
    const prefill = request('claude-sonnet-5', [user('Hi'), assistant('Sure')]);
    const lenient = await post(server(), '/v1/messages', prefill);
    assert.equal(lenient.status, 200);
    await lenient.text();
    assert.equal((await post(server(), '/v1/messages', { model: 'claude-sonnet-5', messages: [] })).status, 400, 'the shape is still checked');
    server().takeRefused();
    server().reset();
    assert.equal(server().config.rules, 'strict');
    assert.equal((await post(server(), '/v1/messages', prefill)).status, 400);
  });

  it('does not take a scripted reply for a refused request: the next valid one gets it', async () => {
    server().enqueue(stopReasonReply('max_tokens', { text: 'scripted' }));
    assert.equal((await post(server(), '/v1/messages', request('claude-sonnet-5', [user('Hi'), assistant('Sure')]))).status, 400);
    assert.equal(server().queued, 1);
    const ok = await post(server(), '/v1/messages', request('claude-sonnet-5', [user('Hi')]));
    assert.match(JSON.stringify(await ok.json()), /scripted/);
  });

});

describe('test server rules: the refusal record', () => {
  const server = useServer();

  it('keeps refusals across reset() until taken, and serves them over the control API', async () => {
    await (await post(server(), '/v1/messages', request('claude-opus-5-5', [user('Hi')], { thinking: { type: 'disabled' } }))).text();
    server().reset();
    const listed = (await (await fetch(`${server().url}/__control/refused`)).json()) as Array<{ rule: string; model: string; path: string; status: number }>;
    assert.deepEqual(listed.map((r) => [r.rule, r.model, r.path, r.status]), [['thinking-disabled-unsupported', 'claude-opus-5-5', '/v1/messages', 400]]);
    const taken = (await (await fetch(`${server().url}/__control/refused/take`, { method: 'POST' })).json()) as unknown[];
    assert.equal(taken.length, 1);
    assert.deepEqual(server().refused, []);
  });

  it('records auth, version, JSON and route refusals too, with their own ids', async () => {
    const { 'anthropic-version': _version, ...noVersion } = GOOD_HEADERS;
    await (await post(server(), '/v1/messages', request('claude-sonnet-5', [user('Hi')]), { ...GOOD_HEADERS, 'x-api-key': 'wrong' })).text();
    await (await post(server(), '/v1/messages', request('claude-sonnet-5', [user('Hi')]), noVersion)).text();
    await (await fetch(`${server().url}/v1/messages`, { method: 'POST', headers: GOOD_HEADERS, body: '{oops' })).text();
    await (await post(server(), '/v1/v1/messages', request('claude-sonnet-5', [user('Hi')]))).text();
    assert.deepEqual(server().takeRefused().map((r) => r.rule), ['authentication', 'anthropic-version', 'invalid-json', 'route']);
  });

  it('records a refused request as kind refused, with no usage and no cache write', async () => {
    const bad = request('claude-sonnet-5', [user([{ type: 'text', text: 'x'.repeat(400), cache_control: { type: 'ephemeral' } }]), assistant('Sure')]);
    await (await post(server(), '/v1/messages', bad)).text();
    assert.deepEqual([server().replies[0]?.kind, server().replies[0]?.status, server().replies[0]?.usage], ['refused', 400, undefined]);
    const fixed = { ...bad, messages: [user([{ type: 'text', text: 'x'.repeat(400), cache_control: { type: 'ephemeral' } }])] };
    const answer = (await (await post(server(), '/v1/messages', fixed)).json()) as { usage: { cache_read_input_tokens: number } };
    assert.equal(answer.usage.cache_read_input_tokens, 0, 'the refused request wrote nothing to the cache');
  });
});
