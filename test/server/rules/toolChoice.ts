/** Rules about forced tool choice (`any`, `tool`): not with thinking, not on the newest models. */
import { isRecord } from '../http';
import { NO_FORCED_TOOL_CHOICE, THINKS_BY_DEFAULT } from './families';
import { thinkingType } from './thinking';
import { ALL_MODELS, includes, invalid } from './types';
import type { Rule, RuleRequest } from './types';

/** `any` or `tool` when the request forces tool use, else undefined. */
function forcedChoice({ body }: RuleRequest): string | undefined {
  const type = isRecord(body.tool_choice) ? body.tool_choice.type : undefined;
  return type === 'any' || type === 'tool' ? type : undefined;
}

/** Whether the model will think: asked for, or omitted on a model that thinks by default. */
export function thinksOn(request: RuleRequest): boolean {
  const type = thinkingType(request);
  if (type === 'enabled' || type === 'adaptive') return true;
  return (type === undefined || type === null) && includes(THINKS_BY_DEFAULT, request.model);
}

/** Forced tool choice on the models that refuse it outright (count_tokens too). */
export const FORCED_TOOL_CHOICE_MODEL_RULE: Rule = {
  id: 'forced-tool-choice-unsupported',
  appliesTo: NO_FORCED_TOOL_CHOICE,
  source: 'reference §1.2 tool_choice ("400 on Opus 5.5, Sonnet 5.5, Fable 5.1/5.2, also on count_tokens") and §6; DOCS sonnet-5-5 migration guide, opus-5-5 whats-new',
  check: (request) => {
    const forced = forcedChoice(request);
    return forced
      ? invalid(`tool_choice: "${forced}" (forced tool use) is not supported on this model. Use {"type": "auto"} with strict tools instead.`)
      : undefined;
  },
};

/** Forced tool choice while thinking is on (explicitly, or by default on 5.x). */
export const FORCED_TOOL_CHOICE_THINKING_RULE: Rule = {
  id: 'forced-tool-choice-thinking',
  appliesTo: ALL_MODELS,
  source: 'reference §1.2 tool_choice ("any/tool are incompatible with thinking") and §1.5 constraints; DOCS extended thinking, tool use',
  check: (request) =>
    forcedChoice(request) && thinksOn(request) ? invalid('Thinking may not be enabled when tool_choice forces tool use.') : undefined,
};
