import assert from 'node:assert/strict';
import { adviceFor, kindLabel } from '../../../src/common/anthropic/errorAdvice';

const ctx = { url: 'https://api.anthropic.com/v1/messages' };

describe('anthropic/errorAdvice kindLabel', () => {
  it("labels the API's kinds and leaves the client's own kinds to the caller", () => {
    assert.equal(kindLabel('rate_limit_error'), 'The API rate limit was hit');
    assert.equal(kindLabel('authentication_error'), 'The API did not accept the API key');
    for (const kind of ['aborted', 'connection_error', 'not_messages_endpoint', 'stream_interrupted', 'malformed_event'] as const) {
      assert.equal(kindLabel(kind), undefined, kind);
    }
  });
});

describe('anthropic/errorAdvice adviceFor', () => {
  it('on a 401 suggests the other auth header style than the one in use', () => {
    assert.match(adviceFor('authentication_error', { ...ctx, authHeader: 'x-api-key' }, undefined), /expect "bearer"/);
    assert.match(adviceFor('authentication_error', { ...ctx, authHeader: 'bearer' }, undefined), /expect "x-api-key" instead of "bearer"/);
    assert.match(adviceFor('authentication_error', ctx, undefined), /expect "bearer"/);
  });

  it('on a 400 names the setting when there is one', () => {
    assert.equal(adviceFor('invalid_request_error', ctx, 'topK'), 'Change the setting claudeMessages.topK and try again.');
    assert.match(adviceFor('invalid_request_error', ctx, undefined), /Check the request settings/);
  });

  it('has nothing to say about the client kinds', () => {
    assert.equal(adviceFor('aborted', ctx, undefined), '');
    assert.equal(adviceFor('stream_interrupted', ctx, undefined), '');
  });
});
