/** The models list: a default catalogue and the API's cursor paging (`limit`, `after_id`, `before_id`). */
import type { ModelEntry } from './types';

/** Models the server offers unless configured otherwise (newest first, as the API lists them). */
export const DEFAULT_MODELS: ModelEntry[] = [
  { id: 'claude-opus-5', display_name: 'Claude Opus 5', created_at: '2026-05-01T00:00:00Z' },
  { id: 'claude-sonnet-5', display_name: 'Claude Sonnet 5', created_at: '2026-04-01T00:00:00Z' },
  { id: 'claude-opus-4-7', display_name: 'Claude Opus 4.7', created_at: '2026-02-01T00:00:00Z' },
  { id: 'claude-sonnet-4-6', display_name: 'Claude Sonnet 4.6', created_at: '2025-12-01T00:00:00Z' },
  { id: 'claude-haiku-4-5', display_name: 'Claude Haiku 4.5', created_at: '2025-10-01T00:00:00Z' },
  { id: 'claude-sonnet-4-5', display_name: 'Claude Sonnet 4.5', created_at: '2025-09-29T00:00:00Z' },
];

const supported = { supported: true };

/** A capabilities object in the API's shape (every key present). */
function capabilities(id: string): Record<string, unknown> {
  const current = !id.includes('-4-5');
  return {
    batch: supported, citations: supported, code_execution: supported, image_input: supported, pdf_input: supported,
    structured_outputs: supported,
    context_management: { supported: true, clear_thinking_20251015: supported, clear_tool_uses_20250919: supported, compact_20260112: null },
    effort: { supported: current, low: { supported: current }, medium: { supported: current }, high: { supported: current }, max: { supported: current }, xhigh: null },
    server_tools: { supported: true, code_execution: supported, web_search: supported, web_fetch: supported },
    thinking: { supported: true, types: { adaptive: { supported: current }, enabled: supported, between_tools: supported } },
  };
}

/** A full ModelInfo for an entry (the entry's own fields win). */
export function modelInfo(entry: ModelEntry): Record<string, unknown> {
  return {
    type: 'model',
    display_name: entry.id,
    created_at: '2025-01-01T00:00:00Z',
    capabilities: capabilities(entry.id),
    max_input_tokens: 200_000,
    max_tokens: 64_000,
    ...entry,
  };
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
