import assert from 'node:assert/strict';
import { chooseSampling } from '../../../src/common/anthropic/requestSampling';
import { partContext } from './requestFixtures';

const notThinking = { param: undefined, active: false };
const thinking = { param: undefined, active: true };

describe('anthropic/requestSampling chooseSampling', () => {
  it('passes valid parameters through unchanged, without warnings', () => {
    const part = partContext({ temperature: 0.4, topK: 3 });
    assert.deepStrictEqual(chooseSampling(part, notThinking), { temperature: 0.4, topP: null, topK: 3 });
    assert.deepStrictEqual(part.warnings, []);
  });

  it('drops everything on a model without sampling parameters, naming each in one warning', () => {
    const part = partContext({ temperature: 0.4, topP: 0.9, topK: 3 }, { sampling: 'none' });
    assert.deepStrictEqual(chooseSampling(part, notThinking), { temperature: null, topP: null, topK: null });
    assert.deepStrictEqual(part.warnings, [
      'claude-sonnet-4-6 does not accept sampling parameters; not sent: temperature (claudeMessages.temperature), top_p (claudeMessages.topP), top_k (claudeMessages.topK).',
    ]);
  });

  it('drops everything under anthropic-version 2026-10-21 and later, even where the model takes it (reference §1.2)', () => {
    for (const anthropicVersion of ['2026-10-21', '2027-01-15']) {
      const part = partContext({ temperature: 0.4, topK: 3, anthropicVersion }, { sampling: 'all' });
      assert.deepStrictEqual(chooseSampling(part, notThinking), { temperature: null, topP: null, topK: null });
      assert.deepStrictEqual(part.warnings, [
        `anthropic-version ${anthropicVersion} has no sampling parameters; not sent: temperature (claudeMessages.temperature), top_k (claudeMessages.topK) (claudeMessages.anthropicVersion).`,
      ]);
    }
  });

  it('keeps them under the versions before it, and says nothing when none is set', () => {
    const old = partContext({ temperature: 0.4, anthropicVersion: '2023-06-01' }, { sampling: 'all' });
    assert.deepStrictEqual(chooseSampling(old, notThinking), { temperature: 0.4, topP: null, topK: null });
    const unset = partContext({ anthropicVersion: '2026-10-21' }, { sampling: 'all' });
    chooseSampling(unset, notThinking);
    assert.deepStrictEqual([old.warnings, unset.warnings], [[], []]);
  });

  it('drops values out of range before deciding between temperature and top_p', () => {
    const part = partContext({ temperature: 3, topP: 0.5, topK: 1.5 });
    assert.deepStrictEqual(chooseSampling(part, notThinking), { temperature: null, topP: 0.5, topK: null });
    assert.equal(part.warnings.length, 2);
    assert.match(part.warnings[0] ?? '', /^temperature must be between 0 and 1/);
    assert.match(part.warnings[1] ?? '', /^top_k must be a whole number/);
  });

  it('sends temperature with top_p only to a model that takes both (reference §1.2)', () => {
    const both = partContext({ temperature: 0.4, topP: 0.9 }, { sampling: 'all' });
    assert.deepStrictEqual(chooseSampling(both, notThinking), { temperature: 0.4, topP: 0.9, topK: null });
    assert.deepStrictEqual(both.warnings, []);
    const either = partContext({ temperature: 0.4, topP: 0.9 }, { sampling: 'temperature-or-top-p' });
    assert.deepStrictEqual(chooseSampling(either, notThinking), { temperature: 0.4, topP: null, topK: null });
    assert.match(either.warnings.join(), /cannot be sent together/);
  });

  it('with thinking keeps temperature 1 and top_p from 0.95, never top_k', () => {
    const kept = partContext({ temperature: 1 });
    assert.deepStrictEqual(chooseSampling(kept, thinking), { temperature: 1, topP: null, topK: null });
    const part = partContext({ topP: 0.95, topK: 2 });
    assert.deepStrictEqual(chooseSampling(part, thinking), { temperature: null, topP: 0.95, topK: null });
    assert.deepStrictEqual(part.warnings, ['With thinking, top_k cannot be set; 2 was not sent (claudeMessages.topK).']);
  });
});
