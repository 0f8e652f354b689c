/**
 * Every setting that maps to a field of the request body puts exactly that value there. One case
 * per setting (or per form of it), each built on a model that accepts it, so dropping a field from
 * the builder fails here, and the case also checks that the defaults alone do not put it there.
 *
 * `BODY_KEYS` is keyed by the body's type: a field added to `MessagesRequest` does not compile
 * until it is listed, and the test fails until it has a case.
 */
import assert from 'node:assert/strict';
import { capabilitiesFor } from '../../../src/common/anthropic/models';
import { buildMessagesRequest } from '../../../src/common/anthropic/request';
import type { BuildRequestInput, RequestSettings } from '../../../src/common/anthropic/request';
import type { MessageParam, MessagesRequest } from '../../../src/common/anthropic/types';
import { plainSettings } from './requestFixtures';

type BodyKey = Exclude<keyof MessagesRequest, 'messages' | 'stream'>;

/** Which settings decide each body field. */
const BODY_KEYS: Record<BodyKey, string> = {
  model: 'model',
  max_tokens: 'maxTokens',
  system: 'systemPrompt',
  temperature: 'temperature',
  top_p: 'topP',
  top_k: 'topK',
  stop_sequences: 'stopSequences',
  thinking: 'thinking, thinkingBudgetTokens, thinkingDisplay',
  output_config: 'effort',
  tools: 'webSearch*, webFetch*, codeExecution*',
  tool_choice: 'toolChoice, toolChoiceName, disableParallelToolUse',
  metadata: 'metadataUserId',
  service_tier: 'serviceTier',
  // The builder places explicit markers on blocks, never the top-level automatic one: the cases
  // check the markers.
  cache_control: 'cacheTtl',
  container: 'codeExecution, with the container of an earlier reply',
};

interface FieldCase {
  name: string;
  key: BodyKey;
  /** Where the value sits: the key itself, or deeper. */
  path: readonly string[];
  settings: Partial<RequestSettings>;
  input?: Partial<BuildRequestInput>;
  expected: unknown;
  /** The settings compared against, when the fixture's defaults already say the same (thinking off). */
  baseline?: Partial<RequestSettings>;
}

const messages: MessageParam[] = [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }];
const on = { enabled: true, maxUses: 5, allowedDomains: [], blockedDomains: [] };
const webSearch = { ...on, toolVersion: 'web_search_20250305' };
const codeExecution = { enabled: true, toolVersion: 'code_execution_20250825' };
const container = { id: 'container_1', expires_at: '2026-11-24T12:30:00Z' };
const beforeExpiry = Date.parse('2026-11-24T12:00:00Z');

const CASES: readonly FieldCase[] = [
  { name: 'model', key: 'model', path: ['model'], settings: { model: 'claude-haiku-4-5' }, expected: 'claude-haiku-4-5' },
  { name: 'maxTokens', key: 'max_tokens', path: ['max_tokens'], settings: { maxTokens: 1234 }, expected: 1234 },
  { name: 'systemPrompt', key: 'system', path: ['system'], settings: { system: 'Be brief.' }, expected: [{ type: 'text', text: 'Be brief.' }] },
  { name: 'temperature', key: 'temperature', path: ['temperature'], settings: { temperature: 0.3 }, expected: 0.3 },
  { name: 'topP', key: 'top_p', path: ['top_p'], settings: { topP: 0.9 }, expected: 0.9 },
  { name: 'topK', key: 'top_k', path: ['top_k'], settings: { topK: 40 }, expected: 40 },
  { name: 'stopSequences', key: 'stop_sequences', path: ['stop_sequences'], settings: { stopSequences: ['END', 'STOP'] }, expected: ['END', 'STOP'] },
  { name: 'thinking on (adaptive)', key: 'thinking', path: ['thinking'], settings: { thinking: 'on' }, expected: { type: 'adaptive', display: 'summarized' } },
  { name: 'thinkingDisplay', key: 'thinking', path: ['thinking'], settings: { thinking: 'on', thinkingDisplay: 'omitted' }, expected: { type: 'adaptive', display: 'omitted' } },
  {
    name: 'thinking on with thinkingBudgetTokens (budget model)',
    key: 'thinking',
    path: ['thinking'],
    settings: { model: 'claude-haiku-4-5', thinking: 'on', thinkingBudgetTokens: 4096 },
    expected: { type: 'enabled', budget_tokens: 4096 },
  },
  {
    name: 'thinking off',
    key: 'thinking',
    path: ['thinking'],
    settings: { model: 'claude-sonnet-5', thinking: 'off' },
    baseline: { model: 'claude-sonnet-5', thinking: 'auto' },
    expected: { type: 'disabled' },
  },
  { name: 'effort', key: 'output_config', path: ['output_config', 'effort'], settings: { effort: 'low' }, expected: 'low' },
  { name: 'webSearch', key: 'tools', path: ['tools'], settings: { webSearch: { ...webSearch, maxUses: 3, allowedDomains: ['a.com'] } }, expected: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 3, allowed_domains: ['a.com'] }] },
  {
    name: 'webFetch',
    key: 'tools',
    path: ['tools'],
    settings: { webFetch: { ...on, toolVersion: 'web_fetch_20250910', blockedDomains: ['b.com'], citations: false } },
    expected: [{ type: 'web_fetch_20250910', name: 'web_fetch', max_uses: 5, blocked_domains: ['b.com'], citations: { enabled: false } }],
  },
  { name: 'codeExecution', key: 'tools', path: ['tools'], settings: { codeExecution: { enabled: true, toolVersion: 'code_execution_20260521' } }, expected: [{ type: 'code_execution_20260521', name: 'code_execution' }] },
  {
    name: 'toolChoice any + disableParallelToolUse',
    key: 'tool_choice',
    path: ['tool_choice'],
    settings: { webSearch, toolChoice: { mode: 'any', name: '', disableParallelToolUse: true } },
    expected: { type: 'any', disable_parallel_tool_use: true },
  },
  {
    name: 'toolChoice tool + toolChoiceName',
    key: 'tool_choice',
    path: ['tool_choice'],
    settings: { webSearch, toolChoice: { mode: 'tool', name: 'web_search', disableParallelToolUse: false } },
    expected: { type: 'tool', name: 'web_search' },
  },
  { name: 'toolChoice none', key: 'tool_choice', path: ['tool_choice'], settings: { webSearch, toolChoice: { mode: 'none', name: '', disableParallelToolUse: false } }, expected: { type: 'none' } },
  {
    name: 'disableParallelToolUse with auto',
    key: 'tool_choice',
    path: ['tool_choice'],
    settings: { webSearch, toolChoice: { mode: 'auto', name: '', disableParallelToolUse: true } },
    expected: { type: 'auto', disable_parallel_tool_use: true },
  },
  { name: 'metadataUserId', key: 'metadata', path: ['metadata'], settings: { metadataUserId: 'user-7f3a' }, expected: { user_id: 'user-7f3a' } },
  { name: 'serviceTier', key: 'service_tier', path: ['service_tier'], settings: { serviceTier: 'standard_only' }, expected: 'standard_only' },
  { name: 'cacheTtl 1h', key: 'cache_control', path: ['messages', '0', 'content', '0', 'cache_control'], settings: { cacheTtl: '1h' }, expected: { type: 'ephemeral', ttl: '1h' } },
  { name: 'cacheTtl 5m', key: 'cache_control', path: ['system', '0', 'cache_control'], settings: { cacheTtl: '5m', system: 'S' }, expected: { type: 'ephemeral', ttl: '5m' } },
  { name: 'codeExecution + an earlier container', key: 'container', path: ['container'], settings: { codeExecution }, input: { container, now: beforeExpiry }, expected: 'container_1' },
];

function build(settings: Partial<RequestSettings>, input: Partial<BuildRequestInput> = {}): MessagesRequest {
  const full = plainSettings(settings);
  return buildMessagesRequest({ settings: full, capabilities: capabilitiesFor(full.model), messages, ...input }).body;
}

/** The value at `path` in the body (undefined where the path ends early). */
function at(body: MessagesRequest, path: readonly string[]): unknown {
  let value: unknown = body;
  for (const step of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

describe('anthropic/request: every setting reaches its body field', () => {
  for (const c of CASES) {
    it(`${c.name} -> ${c.path.join('.')}`, () => {
      assert.deepStrictEqual(at(build(c.settings, c.input), c.path), c.expected);
      assert.notDeepStrictEqual(at(build(c.baseline ?? {}, c.input), c.path), c.expected, 'the defaults alone must not put it there');
    });
  }

  it('has a case for every field of the body', () => {
    const covered = new Set(CASES.map((c) => c.key));
    for (const key of Object.keys(BODY_KEYS)) assert.ok(covered.has(key as BodyKey), `no case for ${key} (${BODY_KEYS[key as BodyKey]})`);
  });
});
