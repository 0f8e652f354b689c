/**
 * The chat under settings a user may change: whatever the model or the API version does not take,
 * the request builder must change or drop (with a warning) before the API refuses it, and a forced
 * tool choice must reach a model that takes one.
 */
import * as assert from 'node:assert/strict';
import { TEXT_EDITOR_TOOL_NAME } from '../../../src/common/edits/toolDefinition';
import { textReply, toolUseReply } from '../../server/server';
import { fakeWorkspace } from '../edits/fakeWorkspace';
import { editorTools, FILE_TEXT } from './chatFlows';
import { assertAnswered, sentBody } from './checks';
import type { Flow, RawSettings } from './world';

/** A message and a follow-up under `raw` (raw `claudeMessages.*` values over the defaults). */
export function settingsFlow(id: string, label: string, raw: RawSettings): Flow {
  return {
    id,
    name: `settings: ${label}: ${JSON.stringify(raw)}`,
    requests: 2,
    async run(world) {
      const h = await world.chat({ settings: raw });
      world.server.enqueue(world.answer(raw, 'A first answer.', 'First.'), world.answer(raw, 'A second answer.', 'Second.'));
      await h.session.send('Hello');
      assertAnswered(h, 'First.');
      await h.session.send('And then?');
      assertAnswered(h, 'Second.');
    },
  };
}

/** The settings each model is run under, one change (or one known interaction) at a time. */
export const SETTINGS_FLOWS: readonly Flow[] = [
  settingsFlow('api-version', 'the newer API version', { anthropicVersion: '2026-10-21' }),
  settingsFlow('sampling', 'sampling parameters', { temperature: 0.5, topP: 0.9, topK: 40 }),
  settingsFlow('sampling-api-version', 'sampling parameters under the newer API version', { anthropicVersion: '2026-10-21', temperature: 0.5, topK: 40 }),
  settingsFlow('thinking-off-max-effort', 'thinking off at the highest effort', { thinking: 'off', effort: 'max' }),
  settingsFlow('effort-xhigh', 'effort xhigh', { effort: 'xhigh' }),
  settingsFlow('budget-over-limit', 'a thinking budget over a small token limit', { thinking: 'on', thinkingBudgetTokens: 30000, maxTokens: 2000 }),
  settingsFlow('max-tokens-over-limit', 'a token limit over what the model gives', { maxTokens: 500000 }),
  settingsFlow('thinking-omitted', 'thinking shown as omitted', { thinkingDisplay: 'omitted' }),
  settingsFlow('cache-off', 'caching off', { cacheTtl: 'off' }),
  settingsFlow('tier-metadata-stops', 'service tier, user id and stop sequences', { serviceTier: 'auto', metadataUserId: 'user-7f3a', stopSequences: ['###'] }),
];

export const forcedToolFlow: Flow = {
  id: 'forced-tool-choice',
  name: 'settings: tool choice forced (any) with thinking off: the editor is called, then the answer',
  requests: 2,
  async run(world) {
    const raw: RawSettings = { toolChoice: 'any', thinking: 'off' };
    const workspace = fakeWorkspace({ '/ws/a.ts': FILE_TEXT });
    const h = await world.chat({ settings: raw, tools: editorTools(workspace) });
    world.server.enqueue(toolUseReply(TEXT_EDITOR_TOOL_NAME, { command: 'view', path: 'a.ts' }), textReply('a.ts declares a and b.'));
    await h.session.send('What is in a.ts?');
    assertAnswered(h, 'a.ts declares a and b.');
    assert.deepEqual(sentBody(world.server, 0).tool_choice, { type: 'any' });
  },
};
