/**
 * Talks to the test server's control API from inside the extension host (the server runs in the
 * harness process, so the suites reach it over HTTP).
 */
import type { Refusal } from '../server/types';

export interface RecordedRequestView {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  json?: unknown;
}

export function testServerUrl(): string {
  const url = process.env.CLAUDE_MESSAGES_TEST_SERVER;
  if (!url) throw new Error('CLAUDE_MESSAGES_TEST_SERVER is not set: run the suites through npm run test:integration');
  return url;
}

export async function recordedRequests(): Promise<RecordedRequestView[]> {
  const response = await fetch(`${testServerUrl()}/__control/requests`);
  return (await response.json()) as RecordedRequestView[];
}

/**
 * What the test server refused since the last call, and forgets it (`POST /__control/refused/take`):
 * the after-each "nothing refused" check in index.ts. Refusals survive `resetServer()`.
 */
export async function takeRefusals(): Promise<Refusal[]> {
  const response = await fetch(`${testServerUrl()}/__control/refused/take`, { method: 'POST' });
  if (!response.ok) throw new Error(`POST /__control/refused/take answered ${response.status}`);
  return (await response.json()) as Refusal[];
}

export async function resetServer(): Promise<void> {
  await fetch(`${testServerUrl()}/__control/reset`, { method: 'POST' });
}

export async function enqueueReplies(replies: unknown[]): Promise<void> {
  await fetch(`${testServerUrl()}/__control/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(replies),
  });
}

export async function configureServer(config: Record<string, unknown>): Promise<void> {
  await fetch(`${testServerUrl()}/__control/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(config),
  });
}
