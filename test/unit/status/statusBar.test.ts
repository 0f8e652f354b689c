import assert from 'node:assert/strict';
import type { HostToWebview, ViewTurn } from '../../../src/common/protocol';
import { healthAfter, isKeyOrUrlProblem, shortModelLabel, statusBarState, type StatusBarInput } from '../../../src/common/status/statusBar';

const commands = { setApiKey: 'set', selectModel: 'pick', testConnection: 'test' };
const totals = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0, cacheHitRate: 0 };

function updated(turn: Partial<ViewTurn>): HostToWebview {
  return { type: 'turnUpdated', turn: { id: 't', role: 'assistant', status: 'done', blocks: [], ...turn }, totals };
}

function failed(kind: string, extra: Partial<ViewTurn> = {}): HostToWebview {
  return updated({ status: 'error', error: { message: 'm', kind, retryable: false }, ...extra });
}

describe('status bar: key or URL problems', () => {
  it('counts authentication, permission, not found, a non-API endpoint, an unreachable server and a redirect', () => {
    for (const kind of ['authentication_error', 'permission_error', 'not_found_error', 'not_messages_endpoint', 'connection_error', 'redirect', 'missing_key', 'key_unreadable']) {
      assert.equal(isKeyOrUrlProblem(kind), true, kind);
    }
  });

  it('does not count the request, the load, the stream or a stop', () => {
    for (const kind of ['invalid_request_error', 'rate_limit_error', 'overloaded_error', 'api_error', 'billing_error', 'stream_interrupted', 'aborted', 'unexpected']) {
      assert.equal(isKeyOrUrlProblem(kind), false, kind);
    }
  });
});

describe('status bar: health after a chat message', () => {
  it('is ok after a finished reply, and after one that failed for another reason', () => {
    assert.equal(healthAfter(updated({ status: 'done' })), 'ok');
    assert.equal(healthAfter(failed('rate_limit_error')), 'ok');
  });

  it('is a key or URL problem after a reply refused for the key or the endpoint', () => {
    assert.equal(healthAfter(failed('authentication_error')), 'keyOrUrlProblem');
    assert.equal(healthAfter(failed('connection_error')), 'keyOrUrlProblem');
  });

  it('says nothing while streaming, after a stop, for user turns or other messages', () => {
    assert.equal(healthAfter(updated({ status: 'streaming' })), undefined);
    assert.equal(healthAfter(updated({ status: 'stopped' })), undefined);
    assert.equal(healthAfter(updated({ role: 'user' })), undefined);
    assert.equal(healthAfter({ type: 'notice', level: 'info', message: 'x' }), undefined);
  });
});

describe('status bar: label', () => {
  it('drops "Claude " from the display name', () => {
    assert.equal(shortModelLabel('claude-sonnet-5-5', 'Claude Sonnet 5.5'), 'Sonnet 5.5');
  });

  it('keeps a gateway name without the prefix, and falls back to the id', () => {
    assert.equal(shortModelLabel('x-model', 'Some Model'), 'Some Model');
    assert.equal(shortModelLabel('x-model', 'x-model'), 'x-model');
    assert.equal(shortModelLabel('x-model', undefined), 'x-model');
    assert.equal(shortModelLabel('x-model', '  '), 'x-model');
  });
});

describe('status bar: state', () => {
  const base: StatusBarInput = { key: 'set', model: 'claude-sonnet-5-5', displayName: 'Claude Sonnet 5.5', health: 'ok' };

  it('shows the model and opens the picker when a key is set and all is well', () => {
    assert.deepEqual(statusBarState(base, commands), {
      text: '$(sparkle) Sonnet 5.5',
      tooltip: 'Claude Messages: claude-sonnet-5-5. Click to pick another model.',
      command: 'pick',
      warning: false,
    });
  });

  it('asks for a key when none is set, whatever the last request did', () => {
    for (const health of ['ok', 'keyOrUrlProblem'] as const) {
      const state = statusBarState({ ...base, key: 'missing', health }, commands);
      assert.equal(state.text, '$(key) Set API key');
      assert.equal(state.command, 'set');
      assert.equal(state.warning, false);
    }
  });

  it('says the key could not be read, rather than asking for one, when the keychain failed', () => {
    for (const health of ['ok', 'keyOrUrlProblem'] as const) {
      const state = statusBarState({ ...base, key: 'unreadable', health }, commands);
      assert.equal(state.text, '$(warning) Key unreadable');
      assert.equal(state.command, 'test');
      assert.equal(state.warning, true);
      assert.match(state.tooltip, /could not be read from the system keychain/);
    }
  });

  it('warns and offers Test Connection after a key or URL failure', () => {
    const state = statusBarState({ ...base, health: 'keyOrUrlProblem' }, commands);
    assert.equal(state.text, '$(warning) Sonnet 5.5');
    assert.equal(state.command, 'test');
    assert.equal(state.warning, true);
    assert.match(state.tooltip, /API key or the base URL/);
  });
});
