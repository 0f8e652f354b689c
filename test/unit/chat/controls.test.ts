import assert from 'node:assert/strict';
import { capabilitiesFor } from '../../../src/common/anthropic/models';
import { chatControls } from '../../../src/common/chat/controls';
import { parseSettings } from '../../../src/common/settings/parseSettings';
import { plainSettings } from '../anthropic/requestFixtures';

describe('chat/controls thinking choices', () => {
  const controlsFor = (model: string) => {
    const settings = parseSettings({ get: (name) => (name === 'model' ? model : undefined) }).request;
    return chatControls(settings, capabilitiesFor(model), [], undefined, model).thinkingChoices;
  };
  it('offers off where thinking can be disabled or skipped up front, not on always-thinking models', () => {
    assert.deepEqual(controlsFor('claude-sonnet-5-5'), ['auto', 'on', 'off'], 'off = between_tools');
    assert.deepEqual(controlsFor('claude-sonnet-4-6'), ['auto', 'on', 'off']);
    assert.deepEqual(controlsFor('claude-opus-5-5'), ['auto', 'on']);
    assert.deepEqual(controlsFor('claude-fable-5-2'), ['auto', 'on']);
  });
});

describe('chat/controls server tools', () => {
  it('shows the server tool toggles as the settings have them', () => {
    const settings = plainSettings({ codeExecution: { enabled: true, toolVersion: 'code_execution_20250825' } });
    const controls = chatControls(settings, capabilitiesFor(settings.model), [], undefined, settings.model);
    assert.deepEqual([controls.webSearch, controls.webFetch, controls.codeExecution], [false, false, true]);
    assert.equal(chatControls(plainSettings(), capabilitiesFor(settings.model), [], undefined, settings.model).codeExecution, false);
  });
});
