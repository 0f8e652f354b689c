/**
 * The one model list: what the chat's model picker and the Select Model command both offer. The
 * endpoint's `/v1/models` list when it answered with models, else the built-in table; and a
 * warning when the chosen model is not among the models the endpoint listed, since a request with
 * it will most likely be refused (404 `not_found_error`).
 */
import { BUILT_IN_MODELS } from '../anthropic/models';
import type { ModelInfo } from '../anthropic/types';
import type { ModelOption } from '../protocol';

/** The models to offer, and what to say about the chosen one. */
export interface ModelChoice {
  /** The endpoint's models in its order, or the built-in ones (newest first). */
  options: ModelOption[];
  /** `endpoint` when the endpoint listed its models; `built-in` when it did not (or not yet). */
  source: 'endpoint' | 'built-in';
  /** Set when the endpoint listed its models and the chosen one is not among them. */
  warning: string | undefined;
}

// A snapshot date (`claude-opus-4-5-20251101`): the endpoint may list the dated id or the alias.
const DATE_SUFFIX = /-\d{8}$/;

/** The endpoint's entry for `id`: the same id, or the same model with or without a snapshot date. */
export function listedModel(fetched: readonly ModelInfo[] | undefined, id: string): ModelInfo | undefined {
  if (!fetched) return undefined;
  const undated = id.replace(DATE_SUFFIX, '');
  return fetched.find((m) => m.id === id) ?? fetched.find((m) => m.id.replace(DATE_SUFFIX, '') === undated);
}

/** The models to offer with `current` chosen; see the file comment. */
export function modelChoice(current: string, fetched: readonly ModelInfo[] | undefined): ModelChoice {
  if (!fetched || fetched.length === 0) {
    // Without the endpoint's list nothing is known about what it serves: no warning.
    return { options: BUILT_IN_MODELS.map((m) => ({ id: m.id, label: m.displayName })), source: 'built-in', warning: undefined };
  }
  const options = fetched.map((m) => ({ id: m.id, label: m.display_name || m.id }));
  const warning = listedModel(fetched, current)
    ? undefined
    : `${current} is not among the models this endpoint lists; requests with it will likely fail. Pick another model.`;
  return { options, source: 'endpoint', warning };
}

/** One entry of the Select Model quick pick, as plain data (the host maps it to a QuickPickItem). */
export interface ModelPickItem {
  id: string;
  label: string;
  description?: string;
  detail?: string;
  picked: boolean;
}

/** The Select Model quick pick: its items (the chosen model first when it is flagged) and placeholder. */
export function modelPick(current: string, choice: ModelChoice): { items: ModelPickItem[]; placeHolder: string } {
  const items: ModelPickItem[] = choice.options.map((option) => ({
    id: option.id,
    label: option.label,
    ...(option.id === option.label ? {} : { description: option.id }),
    ...(option.id === current ? { detail: 'current model' } : {}),
    picked: option.id === current,
  }));
  if (choice.warning) {
    items.unshift({ id: current, label: `$(warning) ${current}`, description: 'current model, not offered by this endpoint', detail: choice.warning, picked: true });
  }
  const from = choice.source === 'endpoint' ? 'models this endpoint lists' : 'built-in list (the endpoint lists no models)';
  return { items, placeHolder: `Current: ${current} · ${from}` };
}
