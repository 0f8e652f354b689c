/**
 * What a rule is: one thing the real API refuses, the models it applies to, where it is documented
 * and a check that answers with the API's own error.
 */

/** The two endpoints that take a Messages body; count_tokens has no `max_tokens`. */
export type Endpoint = 'messages' | 'count_tokens';

/** An error the server answers instead of doing the work (status, `error.type`, `error.message`). */
export interface ApiRefusal {
  status: number;
  type: string;
  message: string;
}

/** Models a rule applies to: a readable label and the id pattern (dated snapshots included). */
export interface ModelSet {
  label: string;
  pattern: RegExp;
}

/** A request as the rules see it: the parsed body, its endpoint, the model and the headers. */
export interface RuleRequest {
  endpoint: Endpoint;
  body: Record<string, unknown>;
  model: string;
  /** Header names lowercased. */
  headers: Record<string, string>;
}

/** One thing the API refuses. */
export interface Rule {
  /** Stable id, recorded with each refusal (e.g. `prefill`). */
  id: string;
  appliesTo: ModelSet;
  /** Where the behaviour is documented: a URL and/or a section of the shared API reference. */
  source: string;
  /** The API's error for this request, or undefined when the rule has nothing against it. */
  check(request: RuleRequest): ApiRefusal | undefined;
}

/** 400 invalid_request_error, the answer to almost every rule. */
export function invalid(message: string): ApiRefusal {
  return { status: 400, type: 'invalid_request_error', message };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A set of exact model ids. Dated snapshots (`claude-sonnet-4-5-20250929`) match their alias;
 * nothing else does, so `claude-opus-5` never matches `claude-opus-5-5`.
 */
export function modelSet(label: string, ids: readonly string[]): ModelSet {
  return { label, pattern: new RegExp(`^(?:${ids.map(escapeRegExp).join('|')})(?:-\\d{8})?$`) };
}

/** Every model id that is not in `set`. */
export function except(set: ModelSet, label: string): ModelSet {
  // The set's pattern is `^(?:ids)(?:-date)?$`; a lookahead on the same body refuses exactly those.
  return { label, pattern: new RegExp(`^(?!${set.pattern.source.slice(1)})`) };
}

/** Every model, known or configured. */
export const ALL_MODELS: ModelSet = { label: 'all models', pattern: /^/ };

/** Whether a set holds a model id. */
export function includes(set: ModelSet, model: string): boolean {
  return set.pattern.test(model);
}
