/**
 * Model capabilities: from the endpoint's `GET /v1/models` when it reports them, else the built-in
 * table, else rules inferred from the id's family and version, so a model released after this code
 * still gets sensible requests.
 */
import { BUILT_IN_MODELS } from './modelTable';
import type { ModelCapabilities, ModelFamily, ModelPricing } from './modelTypes';
import { EFFORT_LEVELS } from './modelTypes';
import type { ApiModelCapabilities, ModelInfo } from './types';

export { BUILT_IN_MODELS } from './modelTable';
export type { ModelCapabilities, ModelFamily, ModelPricing, SamplingRule, ThinkingTypes, TokenPrices } from './modelTypes';
export { EFFORT_LEVELS } from './modelTypes';

/** What an id says about its model. */
export interface ParsedModelId {
  family: ModelFamily;
  /** major + minor / 10, e.g. 4.6; undefined when the id has no version. */
  version: number | undefined;
  /** `claude-<family>-<major>[-<minor>]`, the form the built-in table uses; undefined if unknown. */
  canonicalId: string | undefined;
}

const FAMILIES: ReadonlySet<string> = new Set(['opus', 'sonnet', 'haiku', 'fable', 'mythos']);
// One or two digits: a version part. Eight digits (20250219) is a snapshot date, never a version.
const VERSION_PART = /^\d{1,2}$/;

function versionFrom(parts: string[]): { major: number; minor: number } | undefined {
  const [major, minor] = parts;
  if (major === undefined) return undefined;
  return { major: Number(major), minor: minor === undefined ? 0 : Number(minor) };
}

/**
 * Reads family and version from ids such as `claude-sonnet-4-6`, `claude-3-7-sonnet-20250219`,
 * `claude-opus-4-20250514`, `us.anthropic.claude-sonnet-4-5-20250929-v1:0` or
 * `anthropic/claude-3.5-haiku`. Numbers after the family win over numbers before it.
 */
export function parseModelId(id: string): ParsedModelId {
  const lower = id.toLowerCase().replace(/\[[^\]]*\]/g, '');
  const at = lower.lastIndexOf('claude');
  if (at < 0) return { family: 'unknown', version: undefined, canonicalId: undefined };
  const tokens = lower.slice(at + 'claude'.length).split(/[-_.:/@\s]+/).filter((t) => t.length > 0);
  const familyIndex = tokens.findIndex((t) => FAMILIES.has(t));
  let version: { major: number; minor: number } | undefined;
  let family: ModelFamily = 'unknown';
  if (familyIndex >= 0) {
    family = tokens[familyIndex] as ModelFamily;
    const after: string[] = [];
    for (let i = familyIndex + 1; i < tokens.length && after.length < 2; i++) {
      const token = tokens[i] as string;
      if (!VERSION_PART.test(token)) break;
      after.push(token);
    }
    const before: string[] = [];
    for (let i = familyIndex - 1; i >= 0 && before.length < 2; i--) {
      const token = tokens[i] as string;
      if (!VERSION_PART.test(token)) break;
      before.unshift(token);
    }
    version = versionFrom(after.length > 0 ? after : before);
  } else {
    const leading: string[] = [];
    for (const token of tokens) {
      if (!VERSION_PART.test(token) || leading.length >= 2) break;
      leading.push(token);
    }
    version = versionFrom(leading);
  }
  const value = version ? version.major + version.minor / 10 : undefined;
  const canonicalId =
    family !== 'unknown' && version
      ? `claude-${family}-${version.major}${version.minor ? `-${version.minor}` : ''}`
      : undefined;
  return { family, version: value, canonicalId };
}

function titleCase(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** What inferred capabilities take from the id itself, whatever the generation. */
type IdentityFields = Pick<ModelCapabilities, 'id' | 'displayName' | 'family' | 'version' | 'webSearch' | 'pricing' | 'source'>;
/** The request rules and limits of one model generation. */
type GenerationRules = Omit<ModelCapabilities, keyof IdentityFields>;

/**
 * Capabilities from the id alone, for models the table does not know (newer releases, retired
 * ones, gateway ids), by generation: Fable/Mythos always think adaptively; 5.5 and later (and
 * Fable/Mythos 5.1) are assumed to refuse `disabled` and forced tool choice, as the newest models
 * do (reference §1.2, §1.5), so nothing they may refuse is sent; 5.x thinks by default; 4.7+ takes
 * adaptive thinking only and default sampling only; 4.6 takes both thinking forms; 3.7 to 4.5 take
 * a budget only; older models do not think. Prices are never guessed: they stay unknown.
 */
export function inferCapabilities(id: string): ModelCapabilities {
  const parsed = parseModelId(id);
  return { ...identityFields(id, parsed), ...generationRules(parsed) };
}

function identityFields(id: string, { family, version }: ParsedModelId): IdentityFields {
  return {
    id,
    displayName: family !== 'unknown' && version !== undefined ? `Claude ${titleCase(family)} ${version}` : id,
    family,
    version,
    webSearch: true,
    pricing: undefined,
    source: 'inferred',
  };
}

function generationRules({ family, version }: ParsedModelId): GenerationRules {
  const v = version ?? 0;
  if (family === 'fable' || family === 'mythos' || v >= 4.7) return adaptiveOnlyRules(family, v);
  if (v >= 4.6) return bothThinkingFormsRules();
  if (v >= 3.7) return budgetThinkingRules(family, v);
  const known = family !== 'unknown' || version !== undefined;
  // An id we cannot read at all may be any gateway model: do not cap max_tokens for it.
  return nonThinkingRules(known ? 8_192 : 1_000_000);
}

/** Fable/Mythos and 4.7+: adaptive thinking only, default sampling only, no prefill. */
function adaptiveOnlyRules(family: ModelFamily, v: number): GenerationRules {
  const fableLike = family === 'fable' || family === 'mythos';
  const newest = (fableLike && v >= 5.1) || v >= 5.5;
  return {
    thinking: { adaptive: true, enabled: false, disabled: !fableLike && !newest, betweenTools: false },
    thinkingOnByDefault: fableLike || v >= 5,
    thinkingDisplayDefault: 'omitted',
    ...(family === 'opus' && v >= 5 && !newest ? { disabledThinkingMaxEffort: 'high' as const } : {}),
    effortLevels: EFFORT_LEVELS,
    defaultEffort: undefined,
    forcedToolChoice: !newest,
    sampling: 'none',
    prefill: false,
    contextWindow: 1_000_000,
    maxOutputTokens: 128_000,
  };
}

/** 4.6: adaptive thinking and a budget both accepted; no prefill. */
function bothThinkingFormsRules(): GenerationRules {
  return {
    thinking: { adaptive: true, enabled: true, disabled: true, betweenTools: false },
    thinkingOnByDefault: false,
    thinkingDisplayDefault: 'summarized',
    effortLevels: ['low', 'medium', 'high', 'max'],
    defaultEffort: undefined,
    forcedToolChoice: true,
    sampling: 'temperature-or-top-p',
    prefill: false,
    contextWindow: 1_000_000,
    maxOutputTokens: 128_000,
  };
}

/** 3.7 to 4.5: thinking with a budget only. */
function budgetThinkingRules(family: ModelFamily, v: number): GenerationRules {
  return {
    thinking: { adaptive: false, enabled: true, disabled: true, betweenTools: false },
    thinkingOnByDefault: false,
    thinkingDisplayDefault: 'summarized',
    effortLevels: family === 'opus' && v >= 4.5 ? ['low', 'medium', 'high'] : [],
    defaultEffort: undefined,
    forcedToolChoice: true,
    sampling: 'temperature-or-top-p',
    prefill: true,
    contextWindow: 200_000,
    maxOutputTokens: v >= 4.5 ? 64_000 : 32_000,
  };
}

/** Older models, and ids without a version: no thinking. Never temperature with top_p, to be safe. */
function nonThinkingRules(maxOutputTokens: number): GenerationRules {
  return {
    thinking: { adaptive: false, enabled: false, disabled: false, betweenTools: false },
    thinkingOnByDefault: false,
    thinkingDisplayDefault: 'summarized',
    effortLevels: [],
    defaultEffort: undefined,
    forcedToolChoice: true,
    sampling: 'temperature-or-top-p',
    prefill: true,
    contextWindow: 200_000,
    maxOutputTokens,
  };
}

/** The built-in entry for an id (also for dated or provider-prefixed forms of it). */
export function builtInModel(id: string): ModelCapabilities | undefined {
  const exact = BUILT_IN_MODELS.find((m) => m.id === id);
  if (exact) return exact;
  const canonical = parseModelId(id).canonicalId;
  const match = canonical ? BUILT_IN_MODELS.find((m) => m.id === canonical) : undefined;
  return match ? { ...match, id } : undefined;
}

function supported(value: { supported?: boolean } | null | undefined): boolean | undefined {
  return value && typeof value.supported === 'boolean' ? value.supported : undefined;
}

/**
 * Overlays what `/v1/models` reported on top of `base` (reference §5: the endpoint's word beats
 * the table); fields it did not report stay as they are. Prices and the rules the endpoint does
 * not report (forced tool choice, sampling, prefill) always come from `base`.
 */
function applyApiCapabilities(base: ModelCapabilities, info: ModelInfo): ModelCapabilities {
  const out: ModelCapabilities = { ...base, thinking: { ...base.thinking } };
  if (info.display_name && info.display_name !== info.id) out.displayName = info.display_name;
  const caps: ApiModelCapabilities | null | undefined = info.capabilities;
  // Every overlay runs; the result says the endpoint reported something if any one applied.
  const applied = [applyLimits(out, info), applyThinking(out, caps?.thinking), applyEffort(out, caps?.effort)];
  const web = supported(caps?.server_tools?.web_search);
  if (web !== undefined) out.webSearch = web;
  const code = supported(caps?.code_execution);
  if (code !== undefined) out.codeExecution = code;
  const images = supported(caps?.image_input);
  if (images !== undefined) out.imageInput = images;
  const pdfs = supported(caps?.pdf_input);
  if (pdfs !== undefined) out.pdfInput = pdfs;
  if (applied.includes(true)) out.source = 'api';
  return out;
}

function applyLimits(out: ModelCapabilities, info: ModelInfo): boolean {
  let applied = false;
  if (typeof info.max_input_tokens === 'number' && info.max_input_tokens > 0) {
    out.contextWindow = info.max_input_tokens;
    applied = true;
  }
  if (typeof info.max_tokens === 'number' && info.max_tokens > 0) {
    out.maxOutputTokens = info.max_tokens;
    applied = true;
  }
  return applied;
}

function applyThinking(out: ModelCapabilities, thinking: ApiModelCapabilities['thinking']): boolean {
  const types = thinking?.types;
  if (thinking?.supported === false) {
    out.thinking = { adaptive: false, enabled: false, disabled: supported(types?.disabled) ?? true, betweenTools: false };
    out.thinkingOnByDefault = false;
    return true;
  }
  if (!types) return false;
  out.thinking = {
    adaptive: supported(types.adaptive) ?? out.thinking.adaptive,
    enabled: supported(types.enabled) ?? out.thinking.enabled,
    disabled: supported(types.disabled) ?? out.thinking.disabled,
    betweenTools: supported(types.between_tools) ?? out.thinking.betweenTools,
  };
  return true;
}

function applyEffort(out: ModelCapabilities, effort: ApiModelCapabilities['effort']): boolean {
  if (!effort) return false;
  out.effortLevels = effort.supported === false ? [] : EFFORT_LEVELS.filter((level) => supported(effort[level]) === true);
  // The table's default is only a default if the endpoint still offers that level.
  if (out.defaultEffort !== undefined && !out.effortLevels.includes(out.defaultEffort)) out.defaultEffort = undefined;
  return true;
}

/**
 * The capabilities to build a request with: the endpoint's report when there is one, on top of
 * the built-in entry or, failing that, the rules inferred from the id.
 */
export function capabilitiesFor(id: string, info?: ModelInfo): ModelCapabilities {
  const base = builtInModel(id) ?? inferCapabilities(id);
  return info ? applyApiCapabilities(base, info) : base;
}

/** The cache write price for a TTL. */
export function cacheWritePrice(prices: ModelPricing, ttl: '5m' | '1h'): number {
  return ttl === '1h' ? prices.cacheWrite1hPerMTok : prices.cacheWrite5mPerMTok;
}
