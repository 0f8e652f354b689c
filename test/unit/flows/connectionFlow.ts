/**
 * Test Connection (src/host/commands/testConnection.ts): count_tokens on a one-word prompt for the
 * chosen model, which costs nothing. The body is the host command's; the client must strip what
 * count_tokens does not take (`max_tokens`, `stream`).
 */
import * as assert from 'node:assert/strict';
import type { Flow } from './world';

export const connectionFlow: Flow = {
  id: 'test-connection',
  name: 'test connection: count_tokens on the chosen model',
  requests: 1,
  async run(world) {
    const { request } = world.settings();
    const counted = await world.client().countTokens({ model: request.model, max_tokens: 1, stream: true, messages: [{ role: 'user', content: 'ping' }] });
    assert.ok(counted.input_tokens > 0);
    assert.equal(world.server.requests[0]?.path, '/v1/messages/count_tokens');
  },
};
