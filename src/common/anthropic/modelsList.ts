/**
 * Normalizes a page of `GET /v1/models`. Anthropic answers `{data, has_more, first_id, last_id}`
 * with entries of `type: "model"` (reference §5); gateways answer OpenAI-style
 * `{object: "list", data: [{id, object: "model", owned_by}]}`, CometAPI's multi-provider catalogue
 * `{success, data: [{id, provider, …}]}` (§7), `{models: […]}` or a bare array, sometimes of plain
 * strings. A gateway's list names every vendor's models, and only Claude models answer on
 * `/v1/messages`, so from any shape but Anthropic's only `claude-…` ids are kept.
 */
import type { ApiModelCapabilities, ModelInfo } from './types';
import { isRecord } from '../guards';

/** One page, whatever shape it came in. */
export interface ModelsPage {
  models: ModelInfo[];
  hasMore: boolean;
  /** The cursor for the next page (`after_id`). */
  lastId: string | undefined;
}

function toModelInfo(entry: unknown): ModelInfo | undefined {
  if (typeof entry === 'string') return entry.trim() ? { id: entry.trim(), display_name: entry.trim() } : undefined;
  if (!isRecord(entry)) return undefined;
  const rawId = entry['id'] ?? entry['model'] ?? entry['name'];
  if (typeof rawId !== 'string' || rawId.trim() === '') return undefined;
  const id = rawId.trim();
  const info: ModelInfo = { ...entry, id, display_name: typeof entry['display_name'] === 'string' && entry['display_name'] ? entry['display_name'] : id };
  if (entry['created_at'] !== undefined && typeof entry['created_at'] !== 'string') delete info.created_at;
  if (entry['capabilities'] !== undefined && !isRecord(entry['capabilities'])) info.capabilities = null;
  else if (isRecord(entry['capabilities'])) info.capabilities = entry['capabilities'] as ApiModelCapabilities;
  for (const key of ['max_input_tokens', 'max_tokens'] as const) {
    const value = entry[key];
    if (value !== undefined && value !== null && typeof value !== 'number') delete info[key];
  }
  return info;
}

/** Reads one page of the models list; unknown shapes give an empty page rather than an error. */
export function normalizeModelsPage(json: unknown): ModelsPage {
  let entries: unknown[] = [];
  let hasMore = false;
  let lastId: string | undefined;
  if (Array.isArray(json)) {
    entries = json;
  } else if (isRecord(json)) {
    const list = json['data'] ?? json['models'];
    if (Array.isArray(list)) entries = list;
    hasMore = json['has_more'] === true;
    if (typeof json['last_id'] === 'string') lastId = json['last_id'];
  }
  const all = entries.map(toModelInfo).filter((m): m is ModelInfo => m !== undefined);
  // The cursor is the last entry of the page as sent.
  if (hasMore && lastId === undefined) lastId = all.at(-1)?.id;
  const models = isAnthropicPage(json, entries) ? all : all.filter(isClaudeModel);
  return { models, hasMore, lastId };
}

/** Anthropic's own page: it has the API's cursor fields, or every entry is typed `model`. */
function isAnthropicPage(json: unknown, entries: unknown[]): boolean {
  if (isRecord(json) && ('has_more' in json || 'first_id' in json || 'last_id' in json)) return true;
  return entries.length > 0 && entries.every((entry) => isRecord(entry) && entry['type'] === 'model');
}

/** A Claude model id as Anthropic spells it (`claude-sonnet-5-5`), not another vendor's. */
function isClaudeModel(model: ModelInfo): boolean {
  return model.id.toLowerCase().startsWith('claude-');
}
