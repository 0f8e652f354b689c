import assert from 'node:assert/strict';
import type { ToolChoiceSettings } from '../../../src/common/anthropic/requestSettings';
import { chooseToolChoice, RequestSettingsError } from '../../../src/common/anthropic/requestToolChoice';
import type { ThinkingChoice } from '../../../src/common/anthropic/requestThinking';
import { toViewError } from '../../../src/common/chat/viewError';
import { partContext } from './requestFixtures';

const editor = { type: 'text_editor_20250728', name: 'str_replace_based_edit_tool' };
const search = { type: 'web_search_20250305', name: 'web_search' };
const notThinking: ThinkingChoice = { param: undefined, active: false };
const thinking: ThinkingChoice = { param: { type: 'adaptive' }, active: true };

function choice(mode: ToolChoiceSettings['mode'], patch: Partial<ToolChoiceSettings> = {}): ToolChoiceSettings {
  return { mode, name: '', disableParallelToolUse: false, ...patch };
}

/** The error the builder throws, or a failed assertion when it does not throw one. */
function refusal(run: () => unknown): RequestSettingsError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof RequestSettingsError, String(error));
    return error;
  }
  assert.fail('expected a RequestSettingsError');
}

describe("anthropic/requestToolChoice: a feature's own choice", () => {
  const forced = { type: 'any' as const, disable_parallel_tool_use: false };

  it('sends no choice without tools, and auto or none as asked', () => {
    assert.equal(chooseToolChoice(partContext(), { requested: forced, tools: [], thinking: notThinking }), undefined);
    assert.deepStrictEqual(chooseToolChoice(partContext(), { requested: { type: 'none' }, tools: [editor], thinking }), { type: 'none' });
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

  it('wins over the setting', () => {
    const part = partContext({ toolChoice: choice('none') });
    assert.deepStrictEqual(chooseToolChoice(part, { requested: { type: 'auto' }, tools: [editor], thinking: notThinking }), { type: 'auto' });
  });
});

describe('anthropic/requestToolChoice: claudeMessages.toolChoice', () => {
  const tools = [editor, search];

  it('sends nothing for plain auto, or without tools', () => {
    assert.equal(chooseToolChoice(partContext({ toolChoice: choice('auto') }), { requested: undefined, tools, thinking }), undefined);
    assert.equal(chooseToolChoice(partContext({ toolChoice: choice('any') }), { requested: undefined, tools: [], thinking }), undefined);
  });

  it('sends auto, any and tool with disable_parallel_tool_use when it is set', () => {
    const noParallel = { disableParallelToolUse: true };
    const build = (settings: ToolChoiceSettings) => chooseToolChoice(partContext({ toolChoice: settings }), { requested: undefined, tools, thinking: notThinking });
    assert.deepStrictEqual(build(choice('auto', noParallel)), { type: 'auto', disable_parallel_tool_use: true });
    assert.deepStrictEqual(build(choice('any')), { type: 'any' });
    assert.deepStrictEqual(build(choice('any', noParallel)), { type: 'any', disable_parallel_tool_use: true });
    assert.deepStrictEqual(build(choice('tool', { name: ' web_search ' })), { type: 'tool', name: 'web_search' });
    assert.deepStrictEqual(build(choice('tool', { name: 'web_search', ...noParallel })), { type: 'tool', name: 'web_search', disable_parallel_tool_use: true });
  });

  it('sends none, even while thinking, and drops the parallel flag it cannot carry', () => {
    const part = partContext({ toolChoice: choice('none', { disableParallelToolUse: true }) });
    assert.deepStrictEqual(chooseToolChoice(part, { requested: undefined, tools, thinking }), { type: 'none' });
    assert.match(part.warnings.join(), /claudeMessages\.disableParallelToolUse/);
  });

  it('refuses a forced choice on a model that rejects forcing, naming the setting', () => {
    const part = partContext({ model: 'claude-fable-5-1', toolChoice: choice('any') }, { forcedToolChoice: false });
    const error = refusal(() => chooseToolChoice(part, { requested: undefined, tools, thinking: notThinking }));
    assert.match(error.message, /^Claude Messages did not send the request: claude-fable-5-1 refuses a forced tool choice/);
    assert.match(error.message, /claudeMessages\.toolChoice to "auto" or "none"/);
    assert.equal(error.setting, 'toolChoice');
    assert.equal(error.retryable, false);
  });

  it('refuses a forced choice while thinking, saying how to turn thinking off where the model can', () => {
    const on = refusal(() => chooseToolChoice(partContext({ thinking: 'on', toolChoice: choice('tool', { name: 'web_search' }) }), { requested: undefined, tools, thinking }));
    assert.match(on.message, /claudeMessages\.thinking is "on"\. Set claudeMessages\.thinking to "off", or set claudeMessages\.toolChoice/);
    const opus5 = partContext({ model: 'claude-opus-5', thinking: 'auto', toolChoice: choice('any') });
    assert.match(refusal(() => chooseToolChoice(opus5, { requested: undefined, tools, thinking })).message, /claude-opus-5 thinks by default\. Set claudeMessages\.thinking to "off" \(with claudeMessages\.effort at "high" or lower\)/);
    const alwaysThinks = partContext({ model: 'claude-fable-5', toolChoice: choice('any') });
    assert.match(refusal(() => chooseToolChoice(alwaysThinks, { requested: undefined, tools, thinking })).message, /claude-fable-5 cannot turn thinking off/);
  });

  it('refuses tool without a name, or with a name the request does not offer', () => {
    const noName = refusal(() => chooseToolChoice(partContext({ toolChoice: choice('tool') }), { requested: undefined, tools, thinking: notThinking }));
    assert.match(noName.message, /claudeMessages\.toolChoiceName is empty/);
    const absent = refusal(() => chooseToolChoice(partContext({ toolChoice: choice('tool', { name: 'code_execution' }) }), { requested: undefined, tools, thinking: notThinking }));
    assert.match(absent.message, /"code_execution", but this request offers only "str_replace_based_edit_tool", "web_search"/);
  });

  it('becomes a chat error with its own words, not "something went wrong"', () => {
    const error = refusal(() => chooseToolChoice(partContext({ toolChoice: choice('tool') }), { requested: undefined, tools, thinking: notThinking }));
    const view = toViewError(error);
    assert.equal(view.message, error.message);
    assert.equal(view.kind, 'invalid_request_error');
    assert.equal(view.retryable, false);
  });
});
