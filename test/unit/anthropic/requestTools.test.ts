import assert from 'node:assert/strict';
import { chooseContainer, chooseTools, CONTAINER_MIN_REMAINING_MS } from '../../../src/common/anthropic/requestTools';
import { partContext } from './requestFixtures';

const editor = { type: 'text_editor_20250728', name: 'str_replace_based_edit_tool' };
const webSearch = { enabled: true, toolVersion: 'web_search_20250305', maxUses: 0, allowedDomains: [' '], blockedDomains: ['b.com'] };

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

describe('anthropic/requestTools code execution', () => {
  const codeExecution = { enabled: true, toolVersion: 'code_execution_20250825' };

  it('adds the code execution tool last, under its version', () => {
    const tools = chooseTools(partContext({ webSearch, codeExecution }), [editor]);
    assert.deepStrictEqual(tools.at(-1), { type: 'code_execution_20250825', name: 'code_execution' });
    assert.deepStrictEqual(tools.map((t) => t.name), ['str_replace_based_edit_tool', 'web_search', 'code_execution']);
  });

  it('leaves it out where the model list says it is not offered, or the model offers no server tools', () => {
    const reported = partContext({ codeExecution }, { codeExecution: false });
    assert.deepStrictEqual(chooseTools(reported, undefined), []);
    assert.match(reported.warnings.join(), /code_execution server tool.*claudeMessages\.codeExecution/);
    const noServerTools = partContext({ codeExecution }, { webSearch: false });
    assert.deepStrictEqual(chooseTools(noServerTools, undefined), []);
    const reportedYes = partContext({ codeExecution }, { webSearch: false, codeExecution: true });
    assert.equal(chooseTools(reportedYes, undefined).length, 1, 'what /v1/models says wins');
  });
});

describe('anthropic/requestTools chooseContainer', () => {
  const now = Date.parse('2026-11-24T12:00:00Z');
  const codeTool = { type: 'code_execution_20250825', name: 'code_execution' };
  const container = { id: 'container_1', expires_at: '2026-11-24T12:30:00Z' };

  it('sends the id while code execution is offered and the container lives', () => {
    assert.equal(chooseContainer([editor, codeTool], container, now), 'container_1');
  });

  it('sends nothing without code execution, without a container, or once it (nearly) expired', () => {
    assert.equal(chooseContainer([editor], container, now), undefined);
    assert.equal(chooseContainer([codeTool], undefined, now), undefined);
    const expiry = Date.parse(container.expires_at);
    assert.equal(chooseContainer([codeTool], container, expiry - CONTAINER_MIN_REMAINING_MS), 'container_1');
    assert.equal(chooseContainer([codeTool], container, expiry - CONTAINER_MIN_REMAINING_MS + 1), undefined);
    assert.equal(chooseContainer([codeTool], { id: 'c', expires_at: 'soon' }, now), undefined, 'an unreadable expiry counts as expired');
  });
});
