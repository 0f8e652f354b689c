import * as assert from 'node:assert/strict';
import type { CapabilitySupport, ModelCapabilities, ModelInfo, ThinkingTypes } from '@anthropic-ai/sdk/resources/models';
import { EFFORT_BY_MODEL, KNOWN_MODELS } from '../../server/server';
import { GOOD_HEADERS, post, useServer } from './helpers';

// The key lists are checked against the SDK's types both ways at compile time: a key the SDK does
// not have fails `satisfies`, a key it has that is missing here fails the `complete` line.
const INFO_KEYS = [
  'id', 'type', 'display_name', 'created_at', 'capabilities', 'deprecated_at', 'lifecycle', 'line', 'max_input_tokens', 'max_tokens', 'retires_at',
] as const satisfies ReadonlyArray<keyof ModelInfo>;
const CAPABILITY_KEYS = [
  'batch', 'citations', 'code_execution', 'context_management', 'effort', 'image_input', 'pdf_input', 'server_tools', 'structured_outputs', 'thinking',
] as const satisfies ReadonlyArray<keyof ModelCapabilities>;
const THINKING_TYPES = ['adaptive', 'between_tools', 'disabled', 'enabled'] as const satisfies ReadonlyArray<keyof ThinkingTypes>;
const EFFORT_KEYS = ['low', 'medium', 'high', 'xhigh', 'max'] as const;
const complete: [
  Exclude<keyof ModelInfo, (typeof INFO_KEYS)[number]>,
  Exclude<keyof ModelCapabilities, (typeof CAPABILITY_KEYS)[number]>,
  Exclude<keyof ThinkingTypes, (typeof THINKING_TYPES)[number]>,
] extends [never, never, never] ? true : false = true;

/** The late-2026 lineup the brief and the reference (§6) name, newest first within each group. */
const EXPECTED_IDS = [
  'claude-fable-5-2', 'claude-mythos-5-2', 'claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-fable-5-1', 'claude-opus-5-5', 'claude-sonnet-5',
  'claude-opus-5', 'claude-opus-4-8', 'claude-opus-4-7', 'claude-opus-4-6', 'claude-sonnet-4-6', 'claude-opus-4-5', 'claude-haiku-4-5', 'claude-sonnet-4-5',
];

type Listed = ModelInfo & { capabilities: ModelCapabilities & { thinking: { types: Record<string, CapabilitySupport> } } };

describe('test server: the late-2026 model lineup', () => {
  const server = useServer();

  async function list(): Promise<Listed[]> {
    const response = await fetch(`${server().url}/v1/models?limit=100`, { headers: GOOD_HEADERS });
    return ((await response.json()) as { data: Listed[] }).data;
  }

  it('lists the lineup newest first, in the SDK ModelInfo shape', async () => {
    assert.equal(complete, true);
    const models = await list();
    assert.deepEqual(models.map((model) => model.id), EXPECTED_IDS);
    const dates = models.map((model) => Date.parse(model.created_at));
    assert.ok(dates.every((date, i) => i === 0 || date <= (dates[i - 1] ?? date)), 'created_at never increases');
    for (const model of models) {
      assert.deepEqual(Object.keys(model).sort(), [...INFO_KEYS].sort(), model.id);
      assert.deepEqual(Object.keys(model.capabilities).sort(), [...CAPABILITY_KEYS].sort(), model.id);
      assert.deepEqual(Object.keys(model.capabilities.thinking.types).sort(), [...THINKING_TYPES].sort(), model.id);
      assert.ok(model.display_name.startsWith('Claude '));
      assert.ok((model.max_input_tokens ?? 0) >= 200_000 && (model.max_tokens ?? 0) >= 64_000);
    }
  });

  it('pages through the lineup with limit and after_id', async () => {
    const first = (await (await fetch(`${server().url}/v1/models?limit=5`, { headers: GOOD_HEADERS })).json()) as { data: Listed[]; has_more: boolean; last_id: string };
    assert.deepEqual([first.data.length, first.has_more, first.last_id], [5, true, EXPECTED_IDS[4]]);
    const rest = (await (await fetch(`${server().url}/v1/models?limit=20&after_id=${first.last_id}`, { headers: GOOD_HEADERS })).json()) as { data: Listed[]; has_more: boolean };
    assert.deepEqual([rest.data.map((model) => model.id), rest.has_more], [EXPECTED_IDS.slice(5), false]);
  });

  it('finds served models it does not list by id: dated snapshots and Mythos 5.1', async () => {
    for (const id of ['claude-sonnet-4-5-20250929', 'claude-mythos-5-1']) {
      const response = await fetch(`${server().url}/v1/models/${id}`, { headers: GOOD_HEADERS });
      assert.equal(response.status, 200, id);
      assert.equal(((await response.json()) as ModelInfo).id, id);
    }
    assert.ok(KNOWN_MODELS.some((model) => model.id === 'claude-mythos-5-1'));
  });

  it('advertises exactly the thinking types and effort levels the rules then accept (checked through count_tokens)', async () => {
    for (const model of await list()) {
      for (const type of THINKING_TYPES) {
        const thinking = type === 'enabled' ? { type, budget_tokens: 1024 } : { type };
        const response = await post(server(), '/v1/messages/count_tokens', { model: model.id, messages: [{ role: 'user', content: 'Hi' }], thinking });
        await response.text();
        assert.equal(response.status === 200, model.capabilities.thinking.types[type]?.supported, `${model.id} thinking ${type}`);
      }
      for (const level of EFFORT_KEYS) {
        const response = await post(server(), '/v1/messages/count_tokens', { model: model.id, messages: [{ role: 'user', content: 'Hi' }], output_config: { effort: level } });
        await response.text();
        assert.equal(response.status === 200, model.capabilities.effort[level]?.supported ?? false, `${model.id} effort ${level}`);
      }
      assert.equal(model.capabilities.effort.supported, (EFFORT_BY_MODEL[model.id]?.length ?? 0) > 0, `${model.id} effort.supported`);
    }
    server().takeRefused();
  });
});
