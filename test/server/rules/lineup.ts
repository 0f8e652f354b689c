/**
 * The models the test server knows, as the API served them in late November 2026. This is the
 * server's own knowledge, written from the API reference (shared/reference/messages-api.md §6) and
 * deliberately not imported from the extension's model table: a mistake there must show up as a
 * refusal here, not be mirrored.
 */

/** A model line, as `ModelInfo.line` names it. */
export type ModelLine = 'opus' | 'sonnet' | 'haiku' | 'fable' | 'mythos';

/** One model the server serves. */
export interface KnownModel {
  id: string;
  line: ModelLine;
  displayName: string;
  /**
   * Release date (RFC 3339). The reference gives the dates of the 5.5 models and Fable 5.2; dated
   * ids give the 4.5 ones; Opus 4.6 is the effort GA date. The rest are placeholders that keep the
   * order of the SDK's `Model` union, which lists models newest first.
   */
  createdAt: string;
  maxInputTokens: number;
  maxTokens: number;
  /** In the default `GET /v1/models` answer (the rest are still served when named). */
  listed: 'listed' | 'served-only';
  /** Dated snapshot ids that name the same model. */
  snapshots?: string[];
}

const M = 1_000_000;
const K128 = 128_000;

function model(id: string, line: ModelLine, displayName: string, createdAt: string, context: [number, number], listed: KnownModel['listed'] = 'listed', snapshots?: string[]): KnownModel {
  const [maxInputTokens, maxTokens] = context;
  return { id, line, displayName, createdAt: `${createdAt}T00:00:00Z`, maxInputTokens, maxTokens, listed, ...(snapshots ? { snapshots } : {}) };
}

/** Every model the server knows, newest first (the order `GET /v1/models` lists them in). */
export const KNOWN_MODELS: readonly KnownModel[] = [
  model('claude-fable-5-2', 'fable', 'Claude Fable 5.2', '2026-11-09', [M, K128]),
  model('claude-mythos-5-2', 'mythos', 'Claude Mythos 5.2', '2026-11-09', [M, K128]),
  model('claude-haiku-5-5', 'haiku', 'Claude Haiku 5.5', '2026-10-07', [M, K128]),
  model('claude-sonnet-5-5', 'sonnet', 'Claude Sonnet 5.5', '2026-09-28', [M, K128]),
  model('claude-fable-5-1', 'fable', 'Claude Fable 5.1', '2026-09-25', [M, K128]),
  model('claude-opus-5-5', 'opus', 'Claude Opus 5.5', '2026-09-22', [M, K128]),
  model('claude-mythos-5-1', 'mythos', 'Claude Mythos 5.1', '2026-09-20', [M, K128], 'served-only'),
  model('claude-sonnet-5', 'sonnet', 'Claude Sonnet 5', '2026-08-01', [M, K128]),
  model('claude-fable-5', 'fable', 'Claude Fable 5', '2026-07-15', [M, K128], 'served-only'),
  model('claude-mythos-5', 'mythos', 'Claude Mythos 5', '2026-07-15', [M, K128], 'served-only'),
  model('claude-opus-5', 'opus', 'Claude Opus 5', '2026-07-01', [M, K128]),
  model('claude-opus-4-8', 'opus', 'Claude Opus 4.8', '2026-06-01', [M, K128]),
  model('claude-opus-4-7', 'opus', 'Claude Opus 4.7', '2026-04-01', [M, K128]),
  model('claude-mythos-preview', 'mythos', 'Claude Mythos Preview', '2026-03-01', [M, K128], 'served-only'),
  model('claude-opus-4-6', 'opus', 'Claude Opus 4.6', '2026-02-05', [M, K128]),
  model('claude-sonnet-4-6', 'sonnet', 'Claude Sonnet 4.6', '2026-02-01', [M, K128]),
  model('claude-opus-4-5', 'opus', 'Claude Opus 4.5', '2025-11-01', [200_000, 64_000], 'listed', ['claude-opus-4-5-20251101']),
  model('claude-haiku-4-5', 'haiku', 'Claude Haiku 4.5', '2025-10-01', [200_000, 64_000], 'listed', ['claude-haiku-4-5-20251001']),
  model('claude-sonnet-4-5', 'sonnet', 'Claude Sonnet 4.5', '2025-09-29', [200_000, 64_000], 'listed', ['claude-sonnet-4-5-20250929']),
];

/** The known model an id names (its alias or one of its dated snapshots), if any. */
export function knownModel(id: string): KnownModel | undefined {
  return KNOWN_MODELS.find((known) => known.id === id || (known.snapshots ?? []).includes(id));
}
