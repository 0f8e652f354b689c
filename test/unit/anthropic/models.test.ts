import assert from 'node:assert/strict';
import { BUILT_IN_MODELS, builtInModel, cacheWritePrice, capabilitiesFor, inferCapabilities, parseModelId } from '../../../src/common/anthropic/models';
import type { ModelInfo } from '../../../src/common/anthropic/types';

describe('anthropic/models parseModelId', () => {
  const cases: Array<[string, string, number | undefined, string | undefined]> = [
    ['claude-sonnet-4-6', 'sonnet', 4.6, 'claude-sonnet-4-6'],
    ['claude-3-7-sonnet-20250219', 'sonnet', 3.7, 'claude-sonnet-3-7'],
    ['claude-opus-4-20250514', 'opus', 4, 'claude-opus-4'],
    ['claude-opus-4-1-20250805', 'opus', 4.1, 'claude-opus-4-1'],
    ['claude-haiku-4-5-20251001', 'haiku', 4.5, 'claude-haiku-4-5'],
    ['claude-3-5-haiku-latest', 'haiku', 3.5, 'claude-haiku-3-5'],
    ['claude-fable-5-1', 'fable', 5.1, 'claude-fable-5-1'],
    ['claude-mythos-5', 'mythos', 5, 'claude-mythos-5'],
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'sonnet', 4.5, 'claude-sonnet-4-5'],
    ['anthropic/claude-3.5-sonnet', 'sonnet', 3.5, 'claude-sonnet-3-5'],
    ['claude-sonnet-4-6[1m]', 'sonnet', 4.6, 'claude-sonnet-4-6'],
    ['claude-opus-5-5', 'opus', 5.5, 'claude-opus-5-5'],
    ['gpt-4o', 'unknown', undefined, undefined],
  ];
  for (const [id, family, version, canonical] of cases) {
    it(`${id} -> ${family} ${version}`, () => {
      assert.deepStrictEqual(parseModelId(id), { family, version, canonicalId: canonical });
    });
  }
});

describe('anthropic/models capabilities', () => {
  it('lists the current built-in models', () => {
    assert.deepStrictEqual(
      BUILT_IN_MODELS.map((m) => m.id).sort(),
      [
        'claude-fable-5', 'claude-fable-5-1', 'claude-haiku-4-5', 'claude-mythos-5', 'claude-mythos-5-1', 'claude-opus-4-5',
        'claude-opus-4-6', 'claude-opus-4-7', 'claude-opus-5', 'claude-sonnet-4-5', 'claude-sonnet-4-6', 'claude-sonnet-5',
      ].sort(),
    );
  });

  it('the id-based rules agree with the built-in table', () => {
    for (const model of BUILT_IN_MODELS) {
      const inferred = inferCapabilities(model.id);
      const pick = (m: typeof model): unknown => ({
        family: m.family, version: m.version, thinking: m.thinking, thinkingOnByDefault: m.thinkingOnByDefault,
        disabledThinkingMaxEffort: m.disabledThinkingMaxEffort, effortLevels: [...m.effortLevels], forcedToolChoice: m.forcedToolChoice,
        samplingParameters: m.samplingParameters, contextWindow: m.contextWindow, maxOutputTokens: m.maxOutputTokens, pricing: m.pricing,
      });
      assert.deepStrictEqual(pick(inferred), pick(model), model.id);
    }
  });

  it('has the documented thinking and effort rules', () => {
    const get = (id: string) => capabilitiesFor(id);
    assert.deepStrictEqual(get('claude-fable-5').thinking, { adaptive: true, enabled: false, disabled: false });
    assert.deepStrictEqual(get('claude-opus-4-7').thinking, { adaptive: true, enabled: false, disabled: true });
    assert.deepStrictEqual(get('claude-sonnet-4-6').thinking, { adaptive: true, enabled: true, disabled: true });
    assert.deepStrictEqual(get('claude-haiku-4-5').thinking, { adaptive: false, enabled: true, disabled: true });
    assert.ok(!get('claude-opus-4-6').effortLevels.includes('xhigh'));
    assert.ok(get('claude-opus-4-6').effortLevels.includes('max'));
    assert.ok(get('claude-opus-4-7').effortLevels.includes('xhigh'));
    assert.deepStrictEqual(get('claude-opus-4-5').effortLevels, ['low', 'medium', 'high']);
    assert.deepStrictEqual(get('claude-sonnet-4-5').effortLevels, []);
    assert.equal(get('claude-fable-5-1').forcedToolChoice, false);
    assert.equal(get('claude-fable-5').forcedToolChoice, true);
    assert.equal(get('claude-opus-5').disabledThinkingMaxEffort, 'high');
  });

  it('prices: cache writes derived from input, web search per 1000', () => {
    const p = capabilitiesFor('claude-opus-5').pricing;
    assert.deepStrictEqual([p.inputPerMTok, p.outputPerMTok, p.cacheReadPerMTok, p.cacheWrite5mPerMTok, p.cacheWrite1hPerMTok, p.webSearchPer1000], [5, 25, 0.5, 6.25, 10, 10]);
    assert.equal(cacheWritePrice(p, '1h'), 10);
    assert.equal(capabilitiesFor('claude-fable-5-1').pricing.cacheReadPerMTok, 0.25);
  });

  it('finds dated and prefixed forms of built-in models', () => {
    const m = builtInModel('claude-opus-4-5-20251101');
    assert.equal(m?.id, 'claude-opus-4-5-20251101');
    assert.equal(m?.source, 'built-in');
    assert.equal(capabilitiesFor('claude-opus-4-5-20251101').source, 'built-in');
  });

  it('infers sensible rules for unknown ids', () => {
    const old = capabilitiesFor('claude-3-7-sonnet-20250219');
    assert.deepStrictEqual(old.thinking, { adaptive: false, enabled: true, disabled: true });
    assert.equal(old.source, 'inferred');
    const next = capabilitiesFor('claude-opus-5-5');
    assert.deepStrictEqual(next.thinking, { adaptive: true, enabled: false, disabled: false });
    assert.equal(next.forcedToolChoice, false);
    const oldest = capabilitiesFor('claude-3-haiku-20240307');
    assert.deepStrictEqual(oldest.thinking, { adaptive: false, enabled: false, disabled: false });
    const foreign = capabilitiesFor('gpt-4o');
    assert.equal(foreign.family, 'unknown');
    assert.deepStrictEqual(foreign.effortLevels, []);
    assert.ok(foreign.maxOutputTokens >= 128_000, 'unknown gateway models are not capped');
  });

  it('takes capabilities from /v1/models when present', () => {
    const yes = { supported: true };
    const no = { supported: false };
    const info: ModelInfo = {
      id: 'claude-new-thing',
      display_name: 'Claude New Thing',
      max_input_tokens: 500_000,
      max_tokens: 32_000,
      capabilities: {
        thinking: { supported: true, types: { adaptive: yes, enabled: no, disabled: yes } },
        effort: { supported: true, low: yes, medium: yes, high: yes, xhigh: null, max: yes },
        server_tools: { supported: true, web_search: no },
        code_execution: yes,
      },
    };
    const caps = capabilitiesFor('claude-new-thing', info);
    assert.equal(caps.source, 'api');
    assert.equal(caps.displayName, 'Claude New Thing');
    assert.deepStrictEqual(caps.thinking, { adaptive: true, enabled: false, disabled: true });
    assert.deepStrictEqual(caps.effortLevels, ['low', 'medium', 'high', 'max']);
    assert.equal(caps.webSearch, false);
    assert.equal(caps.codeExecution, true);
    assert.equal(capabilitiesFor('claude-sonnet-5').codeExecution, undefined, 'unknown unless the endpoint reports it');
    assert.equal(caps.contextWindow, 500_000);
    assert.equal(caps.maxOutputTokens, 32_000);
    // A gateway's bare {id} changes nothing.
    assert.equal(capabilitiesFor('claude-sonnet-5', { id: 'claude-sonnet-5', display_name: 'claude-sonnet-5' }).source, 'built-in');
  });
});
