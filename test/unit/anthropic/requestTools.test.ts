import assert from 'node:assert/strict';
import { chooseToolChoice, chooseTools } from '../../../src/common/anthropic/requestTools';
import { partContext } from './requestFixtures';

const editor = { type: 'text_editor_20250728', name: 'str_replace_based_edit_tool' };
const webSearch = { enabled: true, toolVersion: 'web_search_20250305', maxUses: 0, allowedDomains: [' '], blockedDomains: ['b.com'] };
const notThinking = { param: undefined, active: false };

describe('anthropic/requestTools chooseTools', () => {
  it("puts the caller's tools first and does not change the caller's array", () => {
    const callerTools = [editor];
    const tools = chooseTools(partContext({ webSearch }), callerTools);
    assert.deepStrictEqual(tools, [editor, { type: 'web_search_20250305', name: 'web_search', blocked_domains: ['b.com'] }]);
    assert.deepStrictEqual(callerTools, [editor]);
  });

  it('leaves out server tools the model does not offer, with a warning each', () => {
    const part = partContext({ webSearch, webFetch: { ...webSearch, toolVersion: 'web_fetch_20250910', citations: true } }, { webSearch: false });
    assert.deepStrictEqual(chooseTools(part, undefined), []);
    assert.equal(part.warnings.length, 2);
    assert.match(part.warnings[1] ?? '', /web_fetch server tool.*claudeMessages\.webFetch/);
  });
});

describe('anthropic/requestTools chooseToolChoice', () => {
  const forced = { type: 'any' as const, disable_parallel_tool_use: false };

  it('sends no choice without tools, and auto or none as asked', () => {
    assert.equal(chooseToolChoice(partContext(), { requested: forced, tools: [], thinking: notThinking }), undefined);
    assert.deepStrictEqual(chooseToolChoice(partContext(), { requested: { type: 'none' }, tools: [editor], thinking: { param: undefined, active: true } }), { type: 'none' });
    assert.equal(chooseToolChoice(partContext(), { requested: undefined, tools: [editor], thinking: notThinking }), undefined);
  });

  it('keeps a forced choice where the model takes it', () => {
    const part = partContext();
    assert.deepStrictEqual(chooseToolChoice(part, { requested: forced, tools: [editor], thinking: notThinking }), forced);
    assert.deepStrictEqual(part.warnings, []);
  });

  it('falls back to auto, keeping disable_parallel_tool_use, where forcing is refused', () => {
    const part = partContext({}, { forcedToolChoice: false });
    assert.deepStrictEqual(chooseToolChoice(part, { requested: forced, tools: [editor], thinking: notThinking }), { type: 'auto', disable_parallel_tool_use: false });
    assert.match(part.warnings.join(), /cannot be forced on claude-sonnet-4-6/);
  });
});
