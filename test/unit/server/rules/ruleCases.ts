/**
 * Table-driven rule tests: each case sends a request the API refuses, checks the exact error and
 * that the refusal was recorded under the rule's id, then sends the corrected request and checks
 * it is answered with nothing refused.
 */
import * as assert from 'node:assert/strict';
import type { TestServer } from '../../../server/server';
import { GOOD_HEADERS, post, useServer } from '../helpers';

/** One refused request and its corrected twin. */
export interface RuleCase {
  /** The rule id the refusal is recorded under. */
  rule: string;
  title: string;
  bad: Record<string, unknown>;
  fixed: Record<string, unknown>;
  message: string;
  path?: '/v1/messages' | '/v1/messages/count_tokens';
  /** Extra request headers (e.g. another anthropic-version). */
  headers?: Record<string, string>;
  status?: number;
  type?: string;
}

/** A Messages body (non-streaming, so the answer is one JSON object). */
export function request(model: string, messages: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model, max_tokens: 4096, messages, ...extra };
}

/** A count_tokens body (no max_tokens). */
export function countRequest(model: string, messages: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model, messages, ...extra };
}

export const user = (content: unknown): Record<string, unknown> => ({ role: 'user', content });
export const assistant = (content: unknown): Record<string, unknown> => ({ role: 'assistant', content });
export const text = (value: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ type: 'text', text: value, ...extra });

async function send(server: TestServer, ruleCase: RuleCase, body: Record<string, unknown>): Promise<Response> {
  return post(server, ruleCase.path ?? '/v1/messages', body, { ...GOOD_HEADERS, ...ruleCase.headers });
}

/** Sends the bad request (refused exactly so, recorded) and the fixed one (answered, nothing refused). */
export async function checkCase(server: TestServer, ruleCase: RuleCase): Promise<void> {
  const refused = await send(server, ruleCase, ruleCase.bad);
  const body = (await refused.json()) as { type: string; error: { type: string; message: string }; request_id: string };
  assert.equal(refused.status, ruleCase.status ?? 400, `status of the bad request (${body.error.message})`);
  assert.deepEqual(
    { type: body.type, error: body.error },
    { type: 'error', error: { type: ruleCase.type ?? 'invalid_request_error', message: ruleCase.message } },
  );
  assert.equal(body.request_id, refused.headers.get('request-id'));
  assert.deepEqual(server.takeRefused().map((refusal) => [refusal.rule, refusal.requestId]), [[ruleCase.rule, body.request_id]]);

  const accepted = await send(server, ruleCase, ruleCase.fixed);
  const answer = await accepted.text();
  assert.equal(accepted.status, 200, `the corrected request is answered: ${answer}`);
  assert.deepEqual(server.takeRefused(), []);
}

/** A describe block with one test per case, each on a fresh server. */
export function describeRuleCases(title: string, cases: readonly RuleCase[]): void {
  describe(title, () => {
    const server = useServer();
    for (const ruleCase of cases) {
      it(`${ruleCase.rule}: ${ruleCase.title}`, () => checkCase(server(), ruleCase));
    }
  });
}
