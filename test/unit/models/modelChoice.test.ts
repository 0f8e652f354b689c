import assert from 'node:assert/strict';
import { BUILT_IN_MODELS, capabilitiesFor } from '../../../src/common/anthropic/models';
import { normalizeModelsPage } from '../../../src/common/anthropic/modelsList';
import type { ModelInfo } from '../../../src/common/anthropic/types';
import { chatControls } from '../../../src/common/chat/controls';
import { ModelCatalog } from '../../../src/common/models/modelCatalog';
import { listedModel, modelChoice, modelPick } from '../../../src/common/models/modelChoice';
import { parseSettings } from '../../../src/common/settings/parseSettings';

const builtInOptions = BUILT_IN_MODELS.map((m) => ({ id: m.id, label: m.displayName }));
const listed: ModelInfo[] = [
  { id: 'claude-opus-5-5', display_name: 'Claude Opus 5.5' },
  { id: 'claude-sonnet-5-5', display_name: 'Claude Sonnet 5.5' },
  { id: 'claude-opus-4-5-20251101', display_name: '' },
];

describe('models/modelChoice', () => {
  it('offers the built-in table, with no warning, while the endpoint has listed nothing', () => {
    for (const fetched of [undefined, []]) {
      assert.deepEqual(modelChoice('claude-custom-model', fetched), { options: builtInOptions, source: 'built-in', warning: undefined });
    }
  });

  it("offers the endpoint's models in its order and warns when the chosen one is not among them", () => {
    const offered = modelChoice('claude-sonnet-5-5', listed);
    assert.deepEqual(offered.options, [
      { id: 'claude-opus-5-5', label: 'Claude Opus 5.5' },
      { id: 'claude-sonnet-5-5', label: 'Claude Sonnet 5.5' },
      { id: 'claude-opus-4-5-20251101', label: 'claude-opus-4-5-20251101' },
    ]);
    assert.deepEqual([offered.source, offered.warning], ['endpoint', undefined]);
    const missing = modelChoice('claude-haiku-5-5', listed);
    assert.match(missing.warning ?? '', /^claude-haiku-5-5 is not among the models this endpoint lists/);
  });

  it('takes a dated id and its alias for the same model', () => {
    assert.equal(modelChoice('claude-opus-4-5', listed).warning, undefined);
    assert.equal(listedModel(listed, 'claude-opus-4-5')?.id, 'claude-opus-4-5-20251101');
    assert.equal(listedModel([{ id: 'claude-opus-4-5', display_name: 'Claude Opus 4.5' }], 'claude-opus-4-5-20251101')?.id, 'claude-opus-4-5');
    assert.equal(listedModel(listed, 'claude-opus-4-6'), undefined);
  });

  it('gives Select Model the same models as the chat picker, the flagged current model first', () => {
    const settings = parseSettings({ get: (name) => (name === 'model' ? 'claude-haiku-5-5' : undefined) }).request;
    const choice = modelChoice(settings.model, listed);
    const controls = chatControls(settings, capabilitiesFor(settings.model), choice.options, choice.warning, settings.model);
    const pick = modelPick(settings.model, choice);
    assert.deepEqual(pick.items.slice(1).map((item) => item.id), controls.models.map((m) => m.id));
    assert.equal(controls.modelWarning, choice.warning);
    assert.deepEqual(pick.items[0], {
      id: 'claude-haiku-5-5',
      label: '$(warning) claude-haiku-5-5',
      description: 'current model, not offered by this endpoint',
      detail: choice.warning,
      picked: true,
    });
    assert.equal(pick.placeHolder, 'Current: claude-haiku-5-5 · models this endpoint lists');
  });

  it('marks the current model in the quick pick and leaves controls without a warning when it is offered', () => {
    const choice = modelChoice('claude-sonnet-5-5', undefined);
    const pick = modelPick('claude-sonnet-5-5', choice);
    assert.equal(pick.items.length, BUILT_IN_MODELS.length);
    assert.deepEqual(pick.items.filter((item) => item.picked), [
      { id: 'claude-sonnet-5-5', label: 'Claude Sonnet 5.5', description: 'claude-sonnet-5-5', detail: 'current model', picked: true },
    ]);
    assert.match(pick.placeHolder, /built-in list/);
    const settings = parseSettings({ get: () => undefined }).request;
    assert.equal('modelWarning' in chatControls(settings, capabilitiesFor(settings.model), choice.options, choice.warning, settings.model), false);
  });

  it("falls back to the built-in list when a gateway lists no Claude model, and reads capabilities for a dated listing", async () => {
    const gateway = normalizeModelsPage({ object: 'list', data: [{ id: 'gpt-5.1', object: 'model', owned_by: 'openai' }] }).models;
    const none = new ModelCatalog({ lister: async () => ({ listModels: async () => gateway }), log: { info: () => undefined } });
    await none.load();
    assert.equal(none.choice('claude-sonnet-5-5').source, 'built-in');
    const dated = new ModelCatalog({
      lister: async () => ({ listModels: async () => [{ id: 'claude-opus-4-5-20251101', display_name: 'Claude Opus 4.5', max_tokens: 4096 }] }),
      log: { info: () => undefined },
    });
    await dated.load();
    assert.equal(dated.capabilities('claude-opus-4-5').maxOutputTokens, 4096);
  });
});
