import assert from 'node:assert/strict';
import { ClaudeApiError, StreamInterruptedError } from '../../../src/common/anthropic/errors';
import { fixNote, toViewError } from '../../../src/common/chat/viewError';
import type { ViewError } from '../../../src/common/protocol';

describe('toViewError', () => {
  it('maps a ClaudeApiError to its message, kind, status, request id and retryable', () => {
    const error = new ClaudeApiError('Your key was rejected. Set a new one.', { kind: 'authentication_error', status: 401, requestId: 'req_1', retryable: false, apiMessage: 'invalid x-api-key' });
    assert.deepEqual(toViewError(error), { message: 'Your key was rejected. Set a new one.', kind: 'authentication_error', status: 401, requestId: 'req_1', retryable: false });
  });

  it('leaves out status and request id when the error has none', () => {
    const view = toViewError(new ClaudeApiError('Could not reach the server.', { kind: 'connection_error', retryable: true }));
    assert.deepEqual(view, { message: 'Could not reach the server.', kind: 'connection_error', retryable: true });
    assert.equal('status' in view, false);
    assert.equal('requestId' in view, false);
  });

  it('maps subclasses too', () => {
    const partial = { id: 'm', type: 'message' as const, role: 'assistant' as const, model: 'x', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 0, output_tokens: 0 } };
    const view = toViewError(new StreamInterruptedError('The stream broke off.', partial, 'req_9'));
    assert.deepEqual(view, { message: 'The stream broke off.', kind: 'stream_interrupted', requestId: 'req_9', retryable: true });
  });

  it('passes a ViewError through unchanged', () => {
    const error: ViewError = { message: 'Set your API key.', kind: 'no_api_key', retryable: false };
    assert.equal(toViewError(error), error);
    const withStatus: ViewError = { message: 'm', kind: 'k', status: 500, requestId: 'r', retryable: true };
    assert.equal(toViewError(withStatus), withStatus);
  });

  it('gives a plain Error a generic message that includes its text', () => {
    const view = toViewError(new TypeError('x is undefined'));
    assert.equal(view.kind, 'unexpected');
    assert.equal(view.retryable, true);
    assert.match(view.message, /^Something went wrong: x is undefined\. /);
    assert.match(view.message, /output channel/);
  });

  it('does not mistake an Error with ViewError-like fields for a ViewError', () => {
    const error = Object.assign(new Error('raw'), { kind: 'fake', retryable: false });
    const view = toViewError(error);
    assert.equal(view.kind, 'unexpected');
    assert.match(view.message, /raw/);
  });

  it('handles thrown non-errors and incomplete objects', () => {
    assert.match(toViewError('a string').message, /Something went wrong: a string/);
    assert.match(toViewError(undefined).message, /Something went wrong: undefined/);
    assert.equal(toViewError({ message: 'no kind', retryable: true }).kind, 'unexpected');
    assert.equal(toViewError({ message: 'm', kind: 'k', retryable: 'yes' }).kind, 'unexpected');
  });
});

describe('toViewError: the setting at fault', () => {
  it('names the setting by its full id, so the card can open it', () => {
    const error = new ClaudeApiError('Redirected.', { kind: 'redirect', status: 307, retryable: false, setting: 'baseUrl' });
    assert.equal(toViewError(error).setting, 'claudeMessages.baseUrl');
    assert.equal('setting' in toViewError(new ClaudeApiError('Overloaded.', { kind: 'overloaded_error', retryable: true })), false);
  });
});

describe('fixNote: which change fixes which error', () => {
  const changed = (...ids: string[]) => ({ kind: 'settings' as const, changed: (id: string) => ids.includes(id) });
  const key = { kind: 'apiKey' as const };

  it('a stored key fixes a missing or refused key, nothing else', () => {
    assert.equal(fixNote({ message: 'm', kind: 'missing_key', retryable: false }, key), 'a key is set');
    assert.equal(fixNote({ message: 'm', kind: 'authentication_error', status: 401, retryable: false }, key), 'a key is set');
    assert.equal(fixNote({ message: 'm', kind: 'overloaded_error', status: 529, retryable: true }, key), undefined);
    assert.equal(fixNote({ message: 'm', kind: 'invalid_request_error', status: 400, retryable: false, setting: 'claudeMessages.maxTokens' }, key), undefined);
  });

  it('a changed setting fixes the error that names it, and the endpoint settings fix endpoint errors', () => {
    const maxTokens: ViewError = { message: 'm', kind: 'invalid_request_error', status: 400, retryable: false, setting: 'claudeMessages.maxTokens' };
    assert.equal(fixNote(maxTokens, changed('claudeMessages.maxTokens')), 'claudeMessages.maxTokens changed');
    assert.equal(fixNote(maxTokens, changed('claudeMessages.model')), undefined, 'another setting leaves it');
    assert.equal(fixNote(maxTokens, changed('claudeMessages.baseUrl')), undefined, 'a 400 is not about the endpoint');
    const auth: ViewError = { message: 'm', kind: 'authentication_error', status: 401, retryable: false, setting: 'claudeMessages.authHeader' };
    assert.equal(fixNote(auth, changed('claudeMessages.baseUrl')), 'claudeMessages.baseUrl changed');
    const refused: ViewError = { message: 'm', kind: 'connection_error', retryable: true };
    assert.equal(fixNote(refused, changed('claudeMessages.authHeader')), 'claudeMessages.authHeader changed');
    assert.equal(fixNote({ message: 'm', kind: 'overloaded_error', retryable: true }, changed('claudeMessages.baseUrl')), undefined);
  });
});
