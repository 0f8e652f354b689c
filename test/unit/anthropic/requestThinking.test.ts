import assert from 'node:assert/strict';
import { MIN_THINKING_BUDGET, chooseEffort, chooseThinking } from '../../../src/common/anthropic/requestThinking';
import { partContext } from './requestFixtures';

const budgetOnly = { thinking: { adaptive: false, enabled: true, disabled: true, betweenTools: false } };
const noThinking = { thinking: { adaptive: false, enabled: false, disabled: false, betweenTools: false } };

describe('anthropic/requestThinking chooseEffort', () => {
  it('sends an accepted level, nothing for default', () => {
    assert.equal(chooseEffort(partContext({ effort: 'high' }, { effortLevels: ['low', 'high'] })), 'high');
    const none = partContext({ effort: 'default' }, { effortLevels: ['low'] });
    assert.equal(chooseEffort(none), undefined);
    assert.deepStrictEqual(none.warnings, []);
  });
  it('warns differently for a model without effort and one without that level', () => {
    const without = partContext({ effort: 'low' }, { effortLevels: [] });
    assert.equal(chooseEffort(without), undefined);
    assert.match(without.warnings.join(), /takes no effort level/);
    const other = partContext({ effort: 'max' }, { effortLevels: ['low', 'high'] });
    assert.equal(chooseEffort(other), undefined);
    assert.match(other.warnings.join(), /accepts effort low, high, not "max"/);
  });
});

describe('anthropic/requestThinking chooseThinking', () => {
  it('auto on a model without adaptive thinking sends nothing and follows the model default', () => {
    assert.deepStrictEqual(chooseThinking(partContext({ thinking: 'auto' }, { ...budgetOnly, thinkingOnByDefault: false }), { maxTokens: 16000, effort: undefined }), { param: undefined, active: false });
    assert.deepStrictEqual(chooseThinking(partContext({ thinking: 'auto' }, { ...budgetOnly, thinkingOnByDefault: true }), { maxTokens: 16000, effort: undefined }), { param: undefined, active: true });
  });

  it('off on a model that does not think is no thinking, without a field or a warning', () => {
    const part = partContext({ thinking: 'off' }, { ...noThinking, thinkingOnByDefault: true });
    assert.deepStrictEqual(chooseThinking(part, { maxTokens: 16000, effort: undefined }), { param: undefined, active: false });
    assert.deepStrictEqual(part.warnings, []);
  });

  it('off where thinking cannot stop keeps it on, adaptive only where the model takes that', () => {
    const budget = partContext({ thinking: 'off' }, { thinking: { adaptive: false, enabled: true, disabled: false, betweenTools: false } });
    assert.deepStrictEqual(chooseThinking(budget, { maxTokens: 16000, effort: undefined }), { param: undefined, active: true });
    assert.match(budget.warnings.join(), /cannot turn thinking off/);
    const adaptive = partContext({ thinking: 'off', thinkingDisplay: 'omitted' }, { thinking: { adaptive: true, enabled: false, disabled: false, betweenTools: false } });
    assert.deepStrictEqual(chooseThinking(adaptive, { maxTokens: 16000, effort: undefined }), { param: { type: 'adaptive', display: 'omitted' }, active: true });
  });

  it('off is refused above the highest effort that allows it', () => {
    const caps = { thinking: { adaptive: true, enabled: false, disabled: true, betweenTools: false }, disabledThinkingMaxEffort: 'medium' as const };
    assert.equal(chooseThinking(partContext({ thinking: 'off' }, caps), { maxTokens: 16000, effort: 'high' }).active, true);
    assert.deepStrictEqual(chooseThinking(partContext({ thinking: 'off' }, caps), { maxTokens: 16000, effort: 'medium' }), { param: { type: 'disabled' }, active: false });
    assert.deepStrictEqual(chooseThinking(partContext({ thinking: 'off' }, caps), { maxTokens: 16000, effort: undefined }), { param: { type: 'disabled' }, active: false });
  });

  it('off on Sonnet 5.5 is between_tools, which takes no display and effort up to high only (reference §1.5)', () => {
    const part = partContext({ model: 'claude-sonnet-5-5', thinking: 'off', thinkingDisplay: 'summarized' });
    assert.deepStrictEqual(chooseThinking(part, { maxTokens: 16000, effort: undefined }), { param: { type: 'between_tools' }, active: true });
    assert.deepStrictEqual(part.warnings, []);
    assert.deepStrictEqual(chooseThinking(partContext({ model: 'claude-sonnet-5-5', thinking: 'off' }), { maxTokens: 16000, effort: 'high' }).param, { type: 'between_tools' });
    const max = partContext({ model: 'claude-sonnet-5-5', thinking: 'off', thinkingDisplay: 'omitted' });
    assert.deepStrictEqual(chooseThinking(max, { maxTokens: 16000, effort: 'xhigh' }), { param: { type: 'adaptive', display: 'omitted' }, active: true });
    assert.match(max.warnings.join(), /only at effort high or lower; thinking stays on at effort xhigh/);
    // Opus 5.5 has no between_tools: off stays adaptive, with a warning.
    const opus = partContext({ model: 'claude-opus-5-5', thinking: 'off' });
    assert.equal(chooseThinking(opus, { maxTokens: 16000, effort: undefined }).param?.type, 'adaptive');
    assert.match(opus.warnings.join(), /cannot turn thinking off/);
  });

  it('on with a budget: an unreadable or too small budget is raised to the minimum', () => {
    const part = partContext({ thinking: 'on', thinkingBudgetTokens: Number.NaN }, budgetOnly);
    assert.deepStrictEqual(chooseThinking(part, { maxTokens: MIN_THINKING_BUDGET + 1, effort: undefined }), {
      param: { type: 'enabled', budget_tokens: MIN_THINKING_BUDGET },
      active: true,
    });
    assert.equal(part.warnings.length, 1, 'the minimum is below max_tokens, so it is not lowered again');
    const low = partContext({ thinking: 'on', thinkingBudgetTokens: 10 }, budgetOnly);
    assert.deepStrictEqual(chooseThinking(low, { maxTokens: MIN_THINKING_BUDGET + 1, effort: undefined }).param, { type: 'enabled', budget_tokens: MIN_THINKING_BUDGET });
  });

  it('on where no budget fits follows the model default', () => {
    const part = partContext({ thinking: 'on' }, { ...budgetOnly, thinkingOnByDefault: true });
    assert.deepStrictEqual(chooseThinking(part, { maxTokens: MIN_THINKING_BUDGET, effort: undefined }), { param: undefined, active: true });
    assert.match(part.warnings.join(), /max_tokens above 1024/);
    const cannot = partContext({ thinking: 'on' }, noThinking);
    assert.deepStrictEqual(chooseThinking(cannot, { maxTokens: 16000, effort: undefined }), { param: undefined, active: false });
    assert.match(cannot.warnings.join(), /does not support thinking/);
  });
});
