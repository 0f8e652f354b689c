import assert from 'node:assert/strict';
import { BUILT_IN_MODELS, builtInModel, cacheWritePrice, capabilitiesFor, inferCapabilities, parseModelId } from '../../../src/common/anthropic/models';
import { normalizeModelsPage } from '../../../src/common/anthropic/modelsList';
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
  it('lists the late-2026 lineup and the legacy models still served, no retired ones (reference §6)', () => {
    assert.deepStrictEqual(
      BUILT_IN_MODELS.map((m) => m.id),
      [
        'claude-fable-5-2', 'claude-mythos-5-2', 'claude-opus-5-5', 'claude-sonnet-5-5', 'claude-haiku-5-5',
        'claude-fable-5-1', 'claude-mythos-5-1', 'claude-fable-5', 'claude-mythos-5', 'claude-opus-5', 'claude-sonnet-5',
        'claude-opus-4-8', 'claude-opus-4-7', 'claude-opus-4-6', 'claude-sonnet-4-6', 'claude-opus-4-5', 'claude-sonnet-4-5', 'claude-haiku-4-5',
      ],
    );
    for (const retired of ['claude-opus-4-1', 'claude-opus-4', 'claude-sonnet-4', 'claude-3-7-sonnet-20250219', 'claude-3-5-haiku-20241022']) {
      assert.equal(builtInModel(retired), undefined, retired);
    }
  });

  it('the id-based rules agree with the table on what a generation decides', () => {
    for (const model of BUILT_IN_MODELS) {
      const inferred = inferCapabilities(model.id);
      const pick = (m: typeof model): unknown => ({
        family: m.family, version: m.version, adaptive: m.thinking.adaptive, enabled: m.thinking.enabled,
        thinkingOnByDefault: m.thinkingOnByDefault, thinkingDisplayDefault: m.thinkingDisplayDefault, prefill: m.prefill,
        noSampling: m.sampling === 'none', contextWindow: m.contextWindow, maxOutputTokens: m.maxOutputTokens,
      });
      assert.deepStrictEqual(pick(inferred), pick(model), model.id);
    }
  });

  it('has the documented limits and prices of the current models (§6)', () => {
    const row = (id: string) => {
      const m = capabilitiesFor(id);
      return [m.contextWindow, m.maxOutputTokens, m.pricing?.inputPerMTok, m.pricing?.outputPerMTok, m.pricing?.cacheReadPerMTok];
    };
    assert.deepStrictEqual(row('claude-fable-5-2'), [1_000_000, 128_000, 8, 40, 0.2]);
    assert.deepStrictEqual(row('claude-mythos-5-2'), [1_000_000, 128_000, 8, 40, 0.2]);
    assert.deepStrictEqual(row('claude-opus-5-5'), [1_000_000, 128_000, 4, 20, 0.2]);
    assert.deepStrictEqual(row('claude-sonnet-5-5'), [1_000_000, 128_000, 2, 10, 0.1]);
    assert.deepStrictEqual(row('claude-haiku-5-5'), [1_000_000, 128_000, 0.1, 0.5, 0.01]);
    assert.deepStrictEqual(row('claude-opus-5'), [1_000_000, 128_000, 5, 25, 0.5]);
    assert.deepStrictEqual(row('claude-sonnet-4-6'), [1_000_000, 128_000, 3, 15, 0.3]);
    assert.deepStrictEqual(row('claude-opus-4-8'), [1_000_000, 128_000, 5, 25, 0.5]);
    assert.deepStrictEqual(row('claude-opus-4-5'), [200_000, 64_000, 5, 25, 0.5]);
    assert.deepStrictEqual(row('claude-haiku-4-5'), [200_000, 64_000, 1, 5, 0.1]);
    const haiku = capabilitiesFor('claude-haiku-5-5').pricing?.longPrompt;
    assert.deepStrictEqual(haiku, {
      aboveTokens: 100_000,
      prices: { inputPerMTok: 0.5, outputPerMTok: 2.5, cacheReadPerMTok: 0.05, cacheWrite5mPerMTok: 0.625, cacheWrite1hPerMTok: 1 },
    });
  });

  it('has the documented thinking rules (§1.5)', () => {
    const get = (id: string) => capabilitiesFor(id);
    const types = (adaptive: boolean, enabled: boolean, disabled: boolean, betweenTools = false) => ({ adaptive, enabled, disabled, betweenTools });
    assert.deepStrictEqual(get('claude-fable-5-2').thinking, types(true, false, false));
    assert.deepStrictEqual(get('claude-opus-5-5').thinking, types(true, false, false));
    assert.deepStrictEqual(get('claude-sonnet-5-5').thinking, types(true, false, false, true));
    assert.deepStrictEqual(get('claude-opus-4-7').thinking, types(true, false, true));
    assert.deepStrictEqual(get('claude-sonnet-4-6').thinking, types(true, true, true));
    assert.deepStrictEqual(get('claude-haiku-4-5').thinking, types(false, true, true));
    assert.equal(get('claude-opus-5').disabledThinkingMaxEffort, 'high');
    assert.equal(get('claude-haiku-5-5').thinkingOnByDefault, true);
    assert.equal(get('claude-opus-4-8').thinkingOnByDefault, false);
    for (const id of ['claude-sonnet-5-5', 'claude-opus-5-5', 'claude-fable-5-2', 'claude-sonnet-5']) assert.equal(get(id).thinkingDisplayDefault, 'omitted', id);
    for (const id of ['claude-sonnet-4-6', 'claude-haiku-4-5']) assert.equal(get(id).thinkingDisplayDefault, 'summarized', id);
  });

  it('has the documented effort levels and defaults (§1.7)', () => {
    const get = (id: string) => capabilitiesFor(id);
    assert.equal(get('claude-opus-5-5').defaultEffort, 'medium');
    assert.equal(get('claude-haiku-5-5').defaultEffort, 'medium');
    for (const id of ['claude-fable-5-2', 'claude-sonnet-5-5', 'claude-opus-5', 'claude-opus-4-6', 'claude-opus-4-5']) assert.equal(get(id).defaultEffort, 'high', id);
    assert.ok(!get('claude-opus-4-6').effortLevels.includes('xhigh'));
    assert.ok(get('claude-opus-4-6').effortLevels.includes('max'));
    assert.ok(get('claude-opus-4-7').effortLevels.includes('xhigh'));
    assert.deepStrictEqual(get('claude-opus-4-5').effortLevels, ['low', 'medium', 'high']);
    for (const id of ['claude-sonnet-4-5', 'claude-haiku-4-5']) {
      assert.deepStrictEqual([get(id).effortLevels, get(id).defaultEffort], [[], undefined], id);
    }
  });

  it('has the documented tool choice, sampling and prefill rules (§1.2)', () => {
    const get = (id: string) => capabilitiesFor(id);
    const noForced = BUILT_IN_MODELS.filter((m) => !m.forcedToolChoice).map((m) => m.id);
    assert.deepStrictEqual(noForced, ['claude-fable-5-2', 'claude-mythos-5-2', 'claude-opus-5-5', 'claude-sonnet-5-5', 'claude-fable-5-1', 'claude-mythos-5-1']);
    for (const id of ['claude-sonnet-4-5', 'claude-opus-4-5', 'claude-sonnet-4-6', 'claude-haiku-4-5']) assert.equal(get(id).sampling, 'temperature-or-top-p', id);
    assert.equal(get('claude-opus-4-6').sampling, 'all');
    for (const id of ['claude-opus-4-7', 'claude-opus-4-8', 'claude-sonnet-5', 'claude-haiku-5-5', 'claude-fable-5-2']) assert.equal(get(id).sampling, 'none', id);
    const prefill = BUILT_IN_MODELS.filter((m) => m.prefill).map((m) => m.id);
    assert.deepStrictEqual(prefill, ['claude-opus-4-5', 'claude-sonnet-4-5', 'claude-haiku-4-5']);
  });

  it('prices: cache writes derived from input, web search per 1000', () => {
    const p = capabilitiesFor('claude-opus-5').pricing;
    assert.ok(p);
    assert.deepStrictEqual([p.inputPerMTok, p.outputPerMTok, p.cacheReadPerMTok, p.cacheWrite5mPerMTok, p.cacheWrite1hPerMTok, p.webSearchPer1000], [5, 25, 0.5, 6.25, 10, 10]);
    assert.equal(cacheWritePrice(p, '1h'), 10);
    assert.equal(capabilitiesFor('claude-fable-5-1').pricing?.cacheReadPerMTok, 0.25);
  });

  it('finds dated and prefixed forms of built-in models', () => {
    const m = builtInModel('claude-opus-4-5-20251101');
    assert.equal(m?.id, 'claude-opus-4-5-20251101');
    assert.equal(m?.source, 'built-in');
    assert.equal(capabilitiesFor('claude-opus-4-5-20251101').source, 'built-in');
  });

  it('infers sensible rules for unknown ids', () => {
    const old = capabilitiesFor('claude-3-7-sonnet-20250219');
    assert.deepStrictEqual(old.thinking, { adaptive: false, enabled: true, disabled: true, betweenTools: false });
    assert.equal(old.source, 'inferred');
    const next = capabilitiesFor('claude-opus-6');
    assert.deepStrictEqual(next.thinking, { adaptive: true, enabled: false, disabled: false, betweenTools: false });
    assert.equal(next.forcedToolChoice, false);
    assert.equal(next.pricing, undefined, 'a model the table does not know has no made-up price');
    assert.equal(capabilitiesFor('claude-opus-4-1').pricing, undefined, 'retired');
    const oldest = capabilitiesFor('claude-3-haiku-20240307');
    assert.deepStrictEqual(oldest.thinking, { adaptive: false, enabled: false, disabled: false, betweenTools: false });
    const foreign = capabilitiesFor('gpt-4o');
    assert.equal(foreign.family, 'unknown');
    assert.deepStrictEqual(foreign.effortLevels, []);
    assert.equal(foreign.pricing, undefined);
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
        image_input: yes,
        pdf_input: no,
      },
    };
    const caps = capabilitiesFor('claude-new-thing', info);
    assert.equal(caps.imageInput, true);
    assert.equal(caps.pdfInput, false, 'a model without PDF input is refused PDFs before sending');
    assert.equal(capabilitiesFor('claude-sonnet-5').imageInput, undefined, 'unknown (not refused) unless the endpoint reports it');
    assert.equal(caps.source, 'api');
    assert.equal(caps.displayName, 'Claude New Thing');
    assert.deepStrictEqual(caps.thinking, { adaptive: true, enabled: false, disabled: true, betweenTools: false });
    assert.deepStrictEqual(caps.effortLevels, ['low', 'medium', 'high', 'max']);
    assert.equal(caps.webSearch, false);
    assert.equal(caps.codeExecution, true);
    assert.equal(capabilitiesFor('claude-sonnet-5').codeExecution, undefined, 'unknown unless the endpoint reports it');
    assert.equal(caps.contextWindow, 500_000);
    assert.equal(caps.maxOutputTokens, 32_000);
    // A gateway's bare {id} changes nothing.
    assert.equal(capabilitiesFor('claude-sonnet-5', { id: 'claude-sonnet-5', display_name: 'claude-sonnet-5' }).source, 'built-in');
  });

  it("lets the endpoint's capabilities override a built-in row, keeping what it does not report (§5)", () => {
    const yes = { supported: true };
    const no = { supported: false };
    // A /v1/models entry in the API's shape, as a page of the list carries it.
    const page = normalizeModelsPage({
      data: [{
        type: 'model', id: 'claude-sonnet-5-5', display_name: 'Claude Sonnet 5.5', created_at: '2026-09-28T00:00:00Z',
        max_input_tokens: 400_000, max_tokens: 64_000,
        capabilities: {
          batch: yes, citations: yes, code_execution: yes, image_input: yes, pdf_input: yes, structured_outputs: yes,
          context_management: { supported: true, clear_thinking_20251015: yes, clear_tool_uses_20250919: yes, compact_20260112: yes },
          effort: { supported: true, low: yes, medium: yes, high: yes, xhigh: no, max: no },
          thinking: { supported: true, types: { adaptive: yes, enabled: no, between_tools: no } },
        },
      }],
      has_more: false, first_id: 'claude-sonnet-5-5', last_id: 'claude-sonnet-5-5',
    });
    const table = capabilitiesFor('claude-sonnet-5-5');
    const caps = capabilitiesFor('claude-sonnet-5-5', page.models[0]);
    assert.equal(caps.source, 'api');
    assert.deepStrictEqual([caps.contextWindow, caps.maxOutputTokens], [400_000, 64_000]);
    assert.deepStrictEqual(caps.effortLevels, ['low', 'medium', 'high']);
    assert.equal(caps.defaultEffort, 'high', 'the default is still offered');
    // between_tools reported unsupported wins over the table; `disabled` is not in the report, so the table's value stays.
    assert.deepStrictEqual(caps.thinking, { adaptive: true, enabled: false, disabled: table.thinking.disabled, betweenTools: false });
    // What /v1/models never reports comes from the table.
    assert.deepStrictEqual(
      [caps.pricing, caps.forcedToolChoice, caps.sampling, caps.prefill, caps.thinkingDisplayDefault],
      [table.pricing, table.forcedToolChoice, table.sampling, table.prefill, table.thinkingDisplayDefault],
    );
  });

  it('drops a default effort the endpoint no longer offers, and thinking it says is unsupported', () => {
    const info: ModelInfo = {
      id: 'claude-opus-5-5',
      display_name: 'Claude Opus 5.5',
      capabilities: {
        effort: { supported: true, low: { supported: true }, high: { supported: true } },
        thinking: { supported: false },
      },
    };
    const caps = capabilitiesFor('claude-opus-5-5', info);
    assert.deepStrictEqual(caps.effortLevels, ['low', 'high']);
    assert.equal(caps.defaultEffort, undefined);
    assert.deepStrictEqual(caps.thinking, { adaptive: false, enabled: false, disabled: true, betweenTools: false });
    assert.equal(caps.thinkingOnByDefault, false);
    const noEffort = capabilitiesFor('claude-opus-5-5', { ...info, capabilities: { effort: { supported: false } } });
    assert.deepStrictEqual([noEffort.effortLevels, noEffort.defaultEffort], [[], undefined]);
  });
});
