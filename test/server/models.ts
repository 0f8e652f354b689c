/**
 * The models list (`GET /v1/models`, `GET /v1/models/{id}`): the late-2026 lineup the server knows
 * (rules/lineup.ts) as `ModelInfo` objects in the SDK's shape, and the API's cursor paging (`limit`,
 * `after_id`, `before_id`). Capabilities come from the same tables the rules check, so the list
 * never advertises what the server then refuses.
 */
import { effortLevels, EFFORT_LEVELS, KNOWN_MODELS, knownModel } from './rules/index';
import type { KnownModel } from './rules/index';
import { ADAPTIVE_ONLY, BETWEEN_TOOLS, NO_ADAPTIVE, NO_DISABLED } from './rules/families';
import { includes } from './rules/types';
import type { ModelEntry } from './types';

const yes = { supported: true };

function support(supported: boolean): { supported: boolean } {
  return { supported };
}

/** `capabilities.effort`: from the effort table; a model the table does not know gets every level but xhigh. */
function effortCapability(id: string): Record<string, unknown> {
  const levels = effortLevels(id) ?? ['low', 'medium', 'high', 'max'];
  const effort: Record<string, unknown> = { supported: levels.length > 0 };
  for (const level of EFFORT_LEVELS) effort[level] = support(levels.includes(level));
  return effort;
}

/** A capabilities object in the SDK's `ModelCapabilities` shape (every key present). */
function capabilities(id: string): Record<string, unknown> {
  return {
    batch: yes, citations: yes, code_execution: yes, image_input: yes, pdf_input: yes, structured_outputs: yes,
    context_management: { supported: true, clear_thinking_20251015: yes, clear_tool_uses_20250919: yes, compact_20260112: yes },
    effort: effortCapability(id),
    server_tools: { supported: true, code_execution: yes, web_search: yes },
    thinking: {
      supported: true,
      types: {
        adaptive: support(!includes(NO_ADAPTIVE, id)),
        enabled: support(!includes(ADAPTIVE_ONLY, id)),
        disabled: support(!includes(NO_DISABLED, id)),
        between_tools: support(includes(BETWEEN_TOOLS, id)),
      },
    },
  };
}

function knownInfo(model: KnownModel): ModelEntry {
  return {
    id: model.id, type: 'model', display_name: model.displayName, created_at: model.createdAt, line: model.line,
    lifecycle: 'active', deprecated_at: null, retires_at: null,
    max_input_tokens: model.maxInputTokens, max_tokens: model.maxTokens, capabilities: capabilities(model.id),
  };
}

/** Models the server lists unless configured otherwise (newest first, as the API lists them). */
export const DEFAULT_MODELS: ModelEntry[] = KNOWN_MODELS.filter((model) => model.listed === 'listed').map(knownInfo);

/** A full ModelInfo for an entry: a known id gets its real facts, anything else plausible defaults; the entry's own fields win. */
export function modelInfo(entry: ModelEntry): Record<string, unknown> {
  const known = knownModel(entry.id);
  const base = known ? knownInfo(known) : {
    type: 'model', display_name: entry.id, created_at: '2025-01-01T00:00:00Z', line: null, lifecycle: 'active',
    deprecated_at: null, retires_at: null, capabilities: capabilities(entry.id), max_input_tokens: 200_000, max_tokens: 64_000,
  };
  return { ...base, ...entry };
}

/** One page of the list. `limit` is clamped to 1..1000 (default 20) like the API. */
export function modelsPage(models: ModelEntry[], query: URLSearchParams): Record<string, unknown> {
  const rawLimit = Number(query.get('limit') ?? 20);
  const limit = Number.isFinite(rawLimit) ? Math.min(1000, Math.max(1, Math.floor(rawLimit))) : 20;
  const afterId = query.get('after_id');
  const beforeId = query.get('before_id');
  let start = 0;
  let end = models.length;
  if (afterId !== null) start = models.findIndex((model) => model.id === afterId) + 1;
  if (beforeId !== null) end = Math.max(0, models.findIndex((model) => model.id === beforeId));
  // before_id pages backwards: the `limit` entries right before the cursor.
  const page = beforeId !== null && afterId === null ? models.slice(Math.max(start, end - limit), end) : models.slice(start, Math.min(end, start + limit));
  const firstIndex = page.length > 0 ? models.indexOf(page[0] as ModelEntry) : start;
  const hasMore = beforeId !== null && afterId === null ? firstIndex > 0 : firstIndex + page.length < end;
  return {
    data: page.map(modelInfo),
    has_more: hasMore,
    first_id: page[0]?.id ?? null,
    last_id: page[page.length - 1]?.id ?? null,
  };
}
