import assert from 'node:assert/strict';
import { capabilitiesFor } from '../../../src/common/anthropic/models';
import { buildMessagesRequest, RequestSettingsError } from '../../../src/common/anthropic/request';
import type { BuildRequestInput, RequestSettings } from '../../../src/common/anthropic/request';
import type { MessageParam } from '../../../src/common/anthropic/types';

function settings(overrides: Partial<RequestSettings> = {}): RequestSettings {
  return {
    model: 'claude-sonnet-4-6',
    maxTokens: 16000,
    system: '',
    temperature: null,
    topP: null,
    topK: null,
    stopSequences: [],
    thinking: 'off',
    thinkingBudgetTokens: 8000,
    thinkingDisplay: 'summarized',
    effort: 'default',
    webSearch: { enabled: false, toolVersion: 'web_search_20250305', maxUses: 5, allowedDomains: [], blockedDomains: [] },
    webFetch: { enabled: false, toolVersion: 'web_fetch_20250910', maxUses: 5, allowedDomains: [], blockedDomains: [], citations: true },
    codeExecution: { enabled: false, toolVersion: 'code_execution_20250825' },
    toolChoice: { mode: 'auto', name: '', disableParallelToolUse: false },
    cacheTtl: 'off',
    serviceTier: 'default',
    metadataUserId: '',
    anthropicVersion: '2023-06-01',
    ...overrides,
  };
}

const messages: MessageParam[] = [{ role: 'user', content: 'Hello' }];

function build(overrides: Partial<RequestSettings> = {}, extra: Partial<BuildRequestInput> = {}) {
  const s = settings(overrides);
  return buildMessagesRequest({ settings: s, capabilities: capabilitiesFor(s.model), messages, ...extra });
}

describe('anthropic/request buildMessagesRequest', () => {
  it('minimal body: only what is set, stream true, stable key order', () => {
    const { body, warnings } = build({ thinking: 'auto', model: 'claude-haiku-4-5' });
    assert.deepStrictEqual(body, { model: 'claude-haiku-4-5', max_tokens: 16000, messages, stream: true });
    assert.deepStrictEqual(warnings, []);
  });

  it('serializes byte-identically for equal inputs, keys always in the same order', () => {
    const s = { system: 'sys', temperature: 0.3, stopSequences: ['END'], metadataUserId: 'u1', serviceTier: 'auto' as const, effort: 'high' as const, thinking: 'off' as const };
    const a = JSON.stringify(build(s).body);
    const b = JSON.stringify(build({ ...s }).body);
    assert.equal(a, b);
    assert.deepStrictEqual(Object.keys(JSON.parse(a) as object), [
      'model', 'max_tokens', 'system', 'messages', 'thinking', 'output_config', 'temperature', 'stop_sequences', 'metadata', 'service_tier', 'stream',
    ]);
  });

  it('never sends temperature and top_p together (keeps temperature)', () => {
    const { body, warnings } = build({ temperature: 0.2, topP: 0.9 });
    assert.equal(body.temperature, 0.2);
    assert.equal(body.top_p, undefined);
    assert.match(warnings.join('\n'), /claudeMessages\.topP/);
  });

  it('sends sampling parameters only when the model accepts them', () => {
    const { body, warnings } = build({ model: 'claude-sonnet-5', temperature: 0.2, topK: 5, thinking: 'auto' });
    assert.equal(body.temperature, undefined);
    assert.equal(body.top_k, undefined);
    assert.match(warnings.join('\n'), /does not accept sampling parameters/);
  });

  it('with thinking: temperature only 1, top_p 0.95..1, no top_k', () => {
    const a = build({ model: 'claude-sonnet-4-6', thinking: 'on', temperature: 0.5, topK: 10 });
    assert.deepStrictEqual(a.body.thinking, { type: 'adaptive', display: 'summarized' });
    assert.equal(a.body.temperature, undefined);
    assert.equal(a.body.top_k, undefined);
    assert.equal(a.warnings.length, 2);
    const b = build({ model: 'claude-sonnet-4-6', thinking: 'on', topP: 0.97 });
    assert.equal(b.body.top_p, 0.97);
    const c = build({ model: 'claude-sonnet-4-6', thinking: 'on', topP: 0.9 });
    assert.equal(c.body.top_p, undefined);
    const d = build({ model: 'claude-sonnet-4-6', thinking: 'on', temperature: 1 });
    assert.equal(d.body.temperature, 1);
  });

  it('budget thinking on budget-only models, clamped to 1024 <= budget < max_tokens', () => {
    const ok = build({ model: 'claude-opus-4-5', thinking: 'on', thinkingBudgetTokens: 4000 });
    assert.deepStrictEqual(ok.body.thinking, { type: 'enabled', budget_tokens: 4000 });
    assert.deepStrictEqual(ok.warnings, []);
    const high = build({ model: 'claude-haiku-4-5', thinking: 'on', thinkingBudgetTokens: 50000, maxTokens: 8000 });
    assert.deepStrictEqual(high.body.thinking, { type: 'enabled', budget_tokens: 7999 });
    assert.match(high.warnings.join(), /thinkingBudgetTokens/);
    const low = build({ model: 'claude-sonnet-4-5', thinking: 'on', thinkingBudgetTokens: 100 });
    assert.deepStrictEqual(low.body.thinking, { type: 'enabled', budget_tokens: 1024 });
    const tiny = build({ model: 'claude-sonnet-4-5', thinking: 'on', maxTokens: 1000 });
    assert.equal(tiny.body.thinking, undefined);
    assert.match(tiny.warnings.join(), /max_tokens above 1024/);
  });

  it('auto: adaptive where the model has it, none on budget-only models', () => {
    assert.deepStrictEqual(build({ model: 'claude-opus-4-7', thinking: 'auto', thinkingDisplay: 'omitted' }).body.thinking, { type: 'adaptive', display: 'omitted' });
    assert.equal(build({ model: 'claude-opus-4-5', thinking: 'auto' }).body.thinking, undefined);
  });

  it('adaptive models never get budget_tokens, even when asked for thinking', () => {
    for (const model of ['claude-opus-4-7', 'claude-fable-5', 'claude-mythos-5-1', 'claude-sonnet-5', 'claude-opus-4-6']) {
      const { body } = build({ model, thinking: 'on' });
      assert.equal(body.thinking?.type, 'adaptive', model);
    }
  });

  it('off: disabled where allowed, else a warning', () => {
    assert.deepStrictEqual(build({ model: 'claude-sonnet-4-6', thinking: 'off' }).body.thinking, { type: 'disabled' });
    const fable = build({ model: 'claude-fable-5', thinking: 'off' });
    assert.equal(fable.body.thinking?.type, 'adaptive');
    assert.match(fable.warnings.join(), /cannot turn thinking off/);
    const opus5 = build({ model: 'claude-opus-5', thinking: 'off', effort: 'max' });
    assert.equal(opus5.body.thinking?.type, 'adaptive');
    assert.match(opus5.warnings.join(), /effort high or lower/);
    assert.deepStrictEqual(build({ model: 'claude-opus-5', thinking: 'off', effort: 'medium' }).body.thinking, { type: 'disabled' });
    assert.equal(build({ model: 'claude-3-haiku-20240307', thinking: 'off' }).body.thinking, undefined);
  });

  it('effort only when set and accepted', () => {
    assert.deepStrictEqual(build({ model: 'claude-opus-4-7', effort: 'xhigh' }).body.output_config, { effort: 'xhigh' });
    const noX = build({ model: 'claude-opus-4-6', effort: 'xhigh' });
    assert.equal(noX.body.output_config, undefined);
    assert.match(noX.warnings.join(), /claudeMessages\.effort/);
    const none = build({ model: 'claude-sonnet-4-5', effort: 'low' });
    assert.equal(none.body.output_config, undefined);
    assert.match(none.warnings.join(), /takes no effort/);
    assert.equal(build({ model: 'claude-opus-4-7' }).body.output_config, undefined);
  });

  it('forced tool_choice falls back to auto with thinking or where rejected', () => {
    const editor = [{ type: 'text_editor_20250728', name: 'str_replace_based_edit_tool' }];
    const forced = { type: 'tool' as const, name: 'str_replace_based_edit_tool', disable_parallel_tool_use: true };
    const plain = build({ model: 'claude-sonnet-4-6', thinking: 'off' }, { tools: editor, toolChoice: forced });
    assert.deepStrictEqual(plain.body.tool_choice, forced);
    assert.deepStrictEqual(plain.body.tools, editor);
    const thinking = build({ model: 'claude-sonnet-4-6', thinking: 'on' }, { tools: editor, toolChoice: { type: 'any' } });
    assert.deepStrictEqual(thinking.body.tool_choice, { type: 'auto' });
    assert.match(thinking.warnings.join(), /thinking/);
    const fable51 = build({ model: 'claude-fable-5-1', thinking: 'auto' }, { tools: editor, toolChoice: forced });
    assert.deepStrictEqual(fable51.body.tool_choice, { type: 'auto', disable_parallel_tool_use: true });
    assert.equal(build({}, { toolChoice: { type: 'auto' } }).body.tool_choice, undefined, 'no tool_choice without tools');
  });

  it('refuses a forced tool choice from the settings before anything is sent, and sends an allowed one', () => {
    const editor = [{ type: 'text_editor_20250728', name: 'str_replace_based_edit_tool' }];
    const any = { mode: 'any' as const, name: '', disableParallelToolUse: true };
    assert.throws(() => build({ thinking: 'on', toolChoice: any }, { tools: editor }), RequestSettingsError);
    assert.throws(() => build({ model: 'claude-fable-5-1', toolChoice: any }, { tools: editor }), /claude-fable-5-1 refuses a forced tool choice/);
    assert.deepStrictEqual(build({ thinking: 'off', toolChoice: any }, { tools: editor }).body.tool_choice, { type: 'any', disable_parallel_tool_use: true });
  });

  it('code execution: the tool last, and the earlier container while it lives', () => {
    const codeExecution = { enabled: true, toolVersion: 'code_execution_20250825' };
    const container = { id: 'container_1', expires_at: '2026-11-24T12:30:00Z' };
    const now = Date.parse('2026-11-24T12:00:00Z');
    const { body } = build({ codeExecution, serviceTier: 'auto' }, { container, now });
    assert.deepStrictEqual(body.tools, [{ type: 'code_execution_20250825', name: 'code_execution' }]);
    assert.equal(body.container, 'container_1');
    assert.deepStrictEqual(Object.keys(body).slice(-3), ['service_tier', 'container', 'stream']);
    assert.equal(build({}, { container, now }).body.container, undefined, 'no container without code execution');
    assert.equal(build({ codeExecution }, { container, now: Date.parse(container.expires_at) }).body.container, undefined, 'none once expired');
  });

  it('web search and web fetch tools with domains, max_uses and citations', () => {
    const { body, warnings } = build({
      webSearch: { enabled: true, toolVersion: 'web_search_20250305', maxUses: 3, allowedDomains: ['a.com'], blockedDomains: ['b.com'] },
      webFetch: { enabled: true, toolVersion: 'web_fetch_20250910', maxUses: 2, allowedDomains: [], blockedDomains: ['c.com'], citations: false },
    });
    assert.deepStrictEqual(body.tools, [
      { type: 'web_search_20250305', name: 'web_search', max_uses: 3, allowed_domains: ['a.com'] },
      { type: 'web_fetch_20250910', name: 'web_fetch', max_uses: 2, blocked_domains: ['c.com'], citations: { enabled: false } },
    ]);
    assert.match(warnings.join(), /webSearchBlockedDomains/);
  });

  it('caps max_tokens at the model maximum', () => {
    const { body, warnings } = build({ model: 'claude-haiku-4-5', maxTokens: 200000 });
    assert.equal(body.max_tokens, 64000);
    assert.match(warnings.join(), /claudeMessages\.maxTokens/);
  });

  it('metadata, service tier, stop sequences and system', () => {
    const { body } = build({ metadataUserId: ' abc ', serviceTier: 'standard_only', stopSequences: ['', 'STOP'], system: 'Be brief.' }, { extraSystem: 'Edit files.' });
    assert.deepStrictEqual(body.metadata, { user_id: 'abc' });
    assert.equal(body.service_tier, 'standard_only');
    assert.deepStrictEqual(body.stop_sequences, ['STOP']);
    assert.deepStrictEqual(body.system, [{ type: 'text', text: 'Be brief.' }, { type: 'text', text: 'Edit files.' }]);
  });

  it('places cache breakpoints per cacheTtl, and none when off', () => {
    const cached = build({ system: 'S', cacheTtl: '1h' });
    assert.deepStrictEqual(cached.body.system, [{ type: 'text', text: 'S', cache_control: { type: 'ephemeral', ttl: '1h' } }]);
    const off = build({ system: 'S', cacheTtl: 'off' });
    assert.ok(!JSON.stringify(off.body).includes('cache_control'));
  });
});
