/**
 * Which `output_config.effort` levels each model takes. Source: the effort page,
 * https://platform.claude.com/docs/en/build-with-claude/effort (reference §1.7): effort on every
 * model since Opus 4.5 except Haiku 4.5 and Sonnet 4.5; Opus 4.5 low to high only; `xhigh` on Fable,
 * Mythos 5.x, Opus 5/5.5, Opus 4.8/4.7, Sonnet 5/5.5; `max` on those and on Opus 4.6, Sonnet 4.6
 * and Mythos Preview. Haiku 5.5 is not in the `xhigh` list, so it gets low to high plus max.
 */
import { ALL_MODELS, invalid, modelSet } from './types';
import type { Rule } from './types';
import { isRecord } from '../http';

export const EFFORT_LEVELS = ['low', 'medium', 'high', 'xhigh', 'max'] as const;
export type EffortLevel = (typeof EFFORT_LEVELS)[number];

const NONE: readonly EffortLevel[] = [];
const LOW_TO_HIGH: readonly EffortLevel[] = ['low', 'medium', 'high'];
const UP_TO_MAX_WITHOUT_XHIGH: readonly EffortLevel[] = ['low', 'medium', 'high', 'max'];
const EVERY_LEVEL: readonly EffortLevel[] = EFFORT_LEVELS;

/** The levels per model id (dated snapshots use their alias). Models missing here are not checked. */
export const EFFORT_BY_MODEL: Readonly<Record<string, readonly EffortLevel[]>> = {
  'claude-haiku-4-5': NONE,
  'claude-sonnet-4-5': NONE,
  'claude-opus-4-5': LOW_TO_HIGH,
  'claude-opus-4-6': UP_TO_MAX_WITHOUT_XHIGH,
  'claude-sonnet-4-6': UP_TO_MAX_WITHOUT_XHIGH,
  'claude-mythos-preview': UP_TO_MAX_WITHOUT_XHIGH,
  'claude-haiku-5-5': UP_TO_MAX_WITHOUT_XHIGH,
  'claude-opus-4-7': EVERY_LEVEL,
  'claude-opus-4-8': EVERY_LEVEL,
  'claude-opus-5': EVERY_LEVEL,
  'claude-sonnet-5': EVERY_LEVEL,
  'claude-opus-5-5': EVERY_LEVEL,
  'claude-sonnet-5-5': EVERY_LEVEL,
  'claude-fable-5': EVERY_LEVEL,
  'claude-fable-5-1': EVERY_LEVEL,
  'claude-fable-5-2': EVERY_LEVEL,
  'claude-mythos-5': EVERY_LEVEL,
  'claude-mythos-5-1': EVERY_LEVEL,
  'claude-mythos-5-2': EVERY_LEVEL,
};

/** The alias of a dated snapshot id (`claude-opus-4-5-20251101` -> `claude-opus-4-5`). */
export function modelAlias(model: string): string {
  return model.replace(/-\d{8}$/, '');
}

/** The levels a model takes, or undefined for a model the table does not know. */
export function effortLevels(model: string): readonly EffortLevel[] | undefined {
  return EFFORT_BY_MODEL[modelAlias(model)];
}

/** The `output_config.effort` of a body, when one is sent (null counts as not sent). */
export function requestedEffort(body: Record<string, unknown>): unknown {
  return isRecord(body.output_config) ? (body.output_config.effort ?? undefined) : undefined;
}

/** Whether a value is one of the five levels. */
export function isEffortLevel(value: unknown): value is EffortLevel {
  return (EFFORT_LEVELS as readonly unknown[]).includes(value);
}

/** An effort level the model does not take (or effort on a model without it). */
export const EFFORT_RULE: Rule = {
  id: 'effort-level',
  appliesTo: modelSet('every model in the effort table', Object.keys(EFFORT_BY_MODEL)),
  source: 'https://platform.claude.com/docs/en/build-with-claude/effort (reference §1.7)',
  check: ({ body, model }) => {
    const effort = requestedEffort(body);
    const levels = effortLevels(model);
    // An unknown value is effort-value's refusal; a model outside the table is not checked.
    if (!isEffortLevel(effort) || !levels || levels.includes(effort)) return undefined;
    if (levels.length === 0) return invalid(`output_config.effort: the effort parameter is not supported by ${model}`);
    return invalid(`output_config.effort: '${effort}' is not supported by ${model}; supported levels: ${levels.join(', ')}`);
  },
};

/** An effort value outside the five levels, on any model (the API's schema check). */
export const EFFORT_VALUE_RULE: Rule = {
  id: 'effort-value',
  appliesTo: ALL_MODELS,
  source: 'SDK OutputConfig.effort: low | medium | high | xhigh | max | null (reference §1.2)',
  check: ({ body }) => {
    const effort = requestedEffort(body);
    return effort === undefined || isEffortLevel(effort)
      ? undefined
      : invalid(`output_config.effort: Input should be 'low', 'medium', 'high', 'xhigh' or 'max'`);
  },
};
