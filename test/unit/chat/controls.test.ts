import assert from 'node:assert/strict';
import { capabilitiesFor } from '../../../src/common/anthropic/models';
import { chatControls } from '../../../src/common/chat/controls';
import { plainSettings } from '../anthropic/requestFixtures';

describe('chat/controls', () => {
  it('shows the server tool toggles as the settings have them', () => {
    const settings = plainSettings({ codeExecution: { enabled: true, toolVersion: 'code_execution_20250825' } });
    const controls = chatControls(settings, capabilitiesFor(settings.model), []);
    assert.deepEqual([controls.webSearch, controls.webFetch, controls.codeExecution], [false, false, true]);
    assert.equal(chatControls(plainSettings(), capabilitiesFor(settings.model), []).codeExecution, false);
  });
});
