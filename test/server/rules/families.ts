/**
 * The groups of models the rules apply to, each with the reference section that defines it
 * (shared/reference/messages-api.md, late 2026). Written as exact id lists so a reader can check a
 * model against the reference line by line.
 */
import { modelSet } from './types';

const FABLE_MYTHOS_5 = ['claude-fable-5', 'claude-fable-5-1', 'claude-fable-5-2', 'claude-mythos-5', 'claude-mythos-5-1', 'claude-mythos-5-2'];
const GEN_5_5 = ['claude-opus-5-5', 'claude-sonnet-5-5', 'claude-haiku-5-5'];
/** Every 5.x model: Sonnet 5, Opus 5, the 5.5 generation, Fable and Mythos 5.x. */
const ALL_5X = ['claude-opus-5', 'claude-sonnet-5', ...GEN_5_5, ...FABLE_MYTHOS_5];

/** §1.2 `messages`: a final assistant message (prefill) is rejected on Opus 4.6+/Sonnet 4.6+/all 5.x. */
export const NO_PREFILL = modelSet('Opus 4.6+, Sonnet 4.6+, all 5.x (Haiku 5.5 too), Fable, Mythos', [
  'claude-opus-4-6', 'claude-opus-4-7', 'claude-opus-4-8', 'claude-sonnet-4-6', 'claude-mythos-preview', ...ALL_5X,
]);

/** §1.2 sampling: models released after Opus 4.6 take only the defaults (temperature 1.0, top_p ≥ 0.99, no top_k). */
export const DEFAULT_SAMPLING_ONLY = modelSet('models after Opus 4.6: Opus 4.7+, all 5.x, Fable, Mythos', [
  'claude-opus-4-7', 'claude-opus-4-8', 'claude-mythos-preview', ...ALL_5X,
]);

/** §1.2 sampling: `temperature` and `top_p` may not both be sent. */
export const TEMPERATURE_XOR_TOP_P = modelSet('Sonnet 4.5, Opus 4.5, Sonnet 4.6, Haiku 4.5', [
  'claude-sonnet-4-5', 'claude-opus-4-5', 'claude-sonnet-4-6', 'claude-haiku-4-5',
]);

/** §1.5 `enabled`: 400 on Opus 4.7+ and all 5.x (adaptive is the only thinking there). */
export const ADAPTIVE_ONLY = modelSet('Opus 4.7+, all 5.x', ['claude-opus-4-7', 'claude-opus-4-8', ...ALL_5X]);

/** §1.5/§6: manual (`enabled`) thinking only; adaptive arrived with the 4.6 generation. */
export const NO_ADAPTIVE = modelSet('Haiku 4.5, Sonnet 4.5, Opus 4.5', ['claude-haiku-4-5', 'claude-sonnet-4-5', 'claude-opus-4-5']);

/** §1.5 `adaptive`: the default when `thinking` is omitted. */
export const THINKS_BY_DEFAULT = modelSet('Sonnet 5, Opus 5, the 5.5 models, Fable, Mythos 5.x', ALL_5X);

/** §1.5 `disabled`: 400 where thinking is always on (Fable/Mythos 5.x, Opus 5.5) and on Sonnet 5.5. */
export const NO_DISABLED = modelSet('Fable 5.x, Mythos 5.x, Opus 5.5, Sonnet 5.5', [...FABLE_MYTHOS_5, 'claude-opus-5-5', 'claude-sonnet-5-5']);

/** §1.5 `disabled`: Opus 5 turns thinking off only at effort high or lower. */
export const DISABLED_UP_TO_HIGH = modelSet('Opus 5', ['claude-opus-5']);

/** §1.5 `between_tools`: Sonnet 5.5 only. */
export const BETWEEN_TOOLS = modelSet('Sonnet 5.5', ['claude-sonnet-5-5']);

/**
 * §1.2 `tool_choice` and §6: forced tool choice (`any`, `tool`) is a 400 on Opus 5.5, Sonnet 5.5 and
 * Fable 5.1/5.2; Mythos 5.2 shares Fable 5.2's row in the §6 table.
 */
export const NO_FORCED_TOOL_CHOICE = modelSet('Opus 5.5, Sonnet 5.5, Fable 5.1/5.2, Mythos 5.2', [
  'claude-opus-5-5', 'claude-sonnet-5-5', 'claude-fable-5-1', 'claude-fable-5-2', 'claude-mythos-5-2',
]);

/** §1.2 mid-conversation `role: "system"` messages: only these models take them. */
export const SYSTEM_MESSAGES = modelSet('Opus 5, Opus 4.8, Fable 5.1, Mythos 5.1, Sonnet 5.5', [
  'claude-opus-5', 'claude-opus-4-8', 'claude-fable-5-1', 'claude-mythos-5-1', 'claude-sonnet-5-5',
]);
