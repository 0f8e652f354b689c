import assert from 'node:assert/strict';
import {
  HOST_TO_WEBVIEW_KINDS,
  WEBVIEW_TO_HOST_KINDS,
  isHostKind,
  isHostMessage,
  isWebviewKind,
  parseWebviewMessage,
} from '../../../src/common/protocol';
import type { WebviewKind, WebviewToHost } from '../../../src/common/protocol';

interface Example<K extends WebviewKind> {
  valid: Extract<WebviewToHost, { type: K }>;
  /** Messages of this kind with a field missing or wrong; empty only for kinds without fields. */
  wrong: Array<{ type: K } & Record<string, unknown>>;
}

/** One example per kind, keyed like the validator table, so a new kind needs one here to compile. */
const EXAMPLES: { [K in WebviewKind]: Example<K> } = {
  ready: { valid: { type: 'ready' }, wrong: [] },
  newChat: { valid: { type: 'newChat' }, wrong: [] },
  retry: { valid: { type: 'retry' }, wrong: [] },
  continue: { valid: { type: 'continue' }, wrong: [] },
  setApiKey: { valid: { type: 'setApiKey' }, wrong: [] },
  send: { valid: { type: 'send', text: 'hi' }, wrong: [{ type: 'send', text: ['hi'] }] },
  stop: { valid: { type: 'stop', requestId: 'r1' }, wrong: [{ type: 'stop', id: 'r1' }] },
  cancelRetry: { valid: { type: 'cancelRetry', requestId: 'r1' }, wrong: [{ type: 'cancelRetry', requestId: 7 }] },
  setModel: { valid: { type: 'setModel', model: 'm' }, wrong: [{ type: 'setModel', model: null }] },
  setControl: { valid: { type: 'setControl', key: 'webFetch', value: true }, wrong: [{ type: 'setControl', key: 'model', value: 'm' }] },
  openLink: { valid: { type: 'openLink', url: 'https://example.com/' }, wrong: [{ type: 'openLink', href: 'https://example.com/' }] },
  copyCode: { valid: { type: 'copyCode', code: 'x' }, wrong: [{ type: 'copyCode' }] },
  insertCode: { valid: { type: 'insertCode', code: 'x' }, wrong: [{ type: 'insertCode', code: { text: 'x' } }] },
  openConversation: { valid: { type: 'openConversation', id: 'c1' }, wrong: [{ type: 'openConversation' }] },
  renameConversation: { valid: { type: 'renameConversation', id: 'c1', title: 'T' }, wrong: [{ type: 'renameConversation', id: 'c1' }] },
  deleteConversation: { valid: { type: 'deleteConversation', id: 'c1' }, wrong: [{ type: 'deleteConversation', id: 1 }] },
  exportConversation: { valid: { type: 'exportConversation', id: 'c1', format: 'json' }, wrong: [{ type: 'exportConversation', id: 'c1', format: 'pdf' }] },
  pickFiles: { valid: { type: 'pickFiles' }, wrong: [] },
  attachPath: { valid: { type: 'attachPath', path: 'src/a.ts' }, wrong: [{ type: 'attachPath', path: '../etc/passwd' }, { type: 'attachPath', path: '/etc/passwd' }] },
  attachUris: { valid: { type: 'attachUris', uris: ['file:///w/a.ts'] }, wrong: [{ type: 'attachUris', uris: [] }, { type: 'attachUris', uris: [7] }] },
  attachData: {
    valid: { type: 'attachData', name: 'Pasted image.png', mediaType: 'image/png', base64: 'iVBORw0KGgo=', thumbnail: 'data:image/jpeg;base64,/9j/4AAQ' },
    wrong: [
      { type: 'attachData', name: 'a.png', mediaType: 'image/png', base64: 'not base64!' },
      { type: 'attachData', name: ' ', mediaType: 'image/png', base64: '' },
      // A thumbnail is a raster data URI: an SVG one could carry script, a URL would fetch.
      { type: 'attachData', name: 'a.png', mediaType: 'image/png', base64: '', thumbnail: 'data:image/svg+xml;base64,PHN2Zz4=' },
      { type: 'attachData', name: 'a.png', mediaType: 'image/png', base64: '', thumbnail: 'https://example.com/a.png' },
    ],
  },
  removeAttachment: { valid: { type: 'removeAttachment', id: 'a1' }, wrong: [{ type: 'removeAttachment' }] },
  openAttachment: { valid: { type: 'openAttachment', id: 'a1' }, wrong: [{ type: 'openAttachment', id: 3 }] },
  queryFiles: { valid: { type: 'queryFiles', query: 'chat' }, wrong: [{ type: 'queryFiles', query: null }] },
  draftChanged: { valid: { type: 'draftChanged', text: 'hello' }, wrong: [{ type: 'draftChanged' }] },
  thumbnail: {
    valid: { type: 'thumbnail', id: 'a1', thumbnail: 'data:image/jpeg;base64,/9j/4AAQ' },
    wrong: [{ type: 'thumbnail', id: 'a1', thumbnail: 'data:image/svg+xml;base64,PHN2Zz4=' }, { type: 'thumbnail', id: 'a1', thumbnail: 'javascript:alert(1)' }],
  },
  openCitation: { valid: { type: 'openCitation', turnId: 't1', blockIndex: 0, citationIndex: 1 }, wrong: [{ type: 'openCitation', turnId: 't1', blockIndex: -1, citationIndex: 0 }] },
  openSetting: {
    valid: { type: 'openSetting', setting: 'claudeMessages.baseUrl' },
    // Only this extension's settings: not another extension's, not a search with spaces or a command.
    wrong: [
      { type: 'openSetting', setting: 'http.proxy' },
      { type: 'openSetting', setting: 'claudeMessages.' },
      { type: 'openSetting', setting: 'claudeMessages.baseUrl @modified' },
      { type: 'openSetting', setting: 'xclaudeMessages.baseUrl' },
      { type: 'openSetting', setting: 7 },
    ],
  },
  testConnection: { valid: { type: 'testConnection' }, wrong: [] },
  regenerate: { valid: { type: 'regenerate', turnId: 't1' }, wrong: [{ type: 'regenerate' }, { type: 'regenerate', turnId: '../t1' }] },
  editAndResend: {
    valid: { type: 'editAndResend', turnId: 't1', text: 'Say it shorter' },
    wrong: [{ type: 'editAndResend', turnId: 't1', text: '  ' }, { type: 'editAndResend', turnId: 't1' }, { type: 'editAndResend', text: 'x' }],
  },
  setupLoad: { valid: { type: 'setupLoad' }, wrong: [] },
  // The URL is only bounded here (the host says why it refuses one); the header must be one of two.
  setupTest: {
    valid: { type: 'setupTest', baseUrl: 'http://127.0.0.1:8080', authHeader: 'bearer' },
    wrong: [{ type: 'setupTest', baseUrl: 'https://a.example', authHeader: 'Bearer' }, { type: 'setupTest', baseUrl: 'x'.repeat(2049), authHeader: 'bearer' }, { type: 'setupTest', authHeader: 'x-api-key' }],
  },
  setupSave: {
    valid: { type: 'setupSave', baseUrl: 'https://api.cometapi.com', authHeader: 'x-api-key' },
    wrong: [{ type: 'setupSave', baseUrl: 'https://a.example', authHeader: 'authorization' }, { type: 'setupSave', baseUrl: 42, authHeader: 'bearer' }],
  },
};

describe('protocol kinds', () => {
  it('lists each kind once per direction', () => {
    assert.equal(new Set(HOST_TO_WEBVIEW_KINDS).size, HOST_TO_WEBVIEW_KINDS.length);
    assert.equal(new Set(WEBVIEW_TO_HOST_KINDS).size, WEBVIEW_TO_HOST_KINDS.length);
  });

  describe('the webview -> host validator table covers every kind', () => {
    for (const kind of WEBVIEW_TO_HOST_KINDS) {
      it(kind, () => {
        const { valid, wrong }: { valid: WebviewToHost; wrong: ReadonlyArray<Record<string, unknown>> } = EXAMPLES[kind];
        assert.equal(valid.type, kind);
        assert.deepEqual(parseWebviewMessage(structuredClone(valid)), valid);
        const hasFields = Object.keys(valid).length > 1;
        assert.equal(wrong.length > 0, hasFields, 'a kind with fields needs a wrong shape');
        for (const shape of wrong) assert.equal(parseWebviewMessage(shape), undefined, JSON.stringify(shape));
      });
    }
  });

  it('rejects unknown kinds in both directions, including inherited names and the other direction\'s kinds', () => {
    for (const type of ['deleteEverything', 'toString', 'constructor', '__proto__', 'Ready', ' ready', '']) {
      assert.equal(parseWebviewMessage({ type }), undefined, type);
      assert.equal(isHostMessage({ type }), false, type);
    }
    for (const kind of HOST_TO_WEBVIEW_KINDS) assert.equal(parseWebviewMessage({ type: kind }), undefined, kind);
    for (const kind of WEBVIEW_TO_HOST_KINDS) assert.equal(isHostMessage({ type: kind }), false, kind);
  });

  it('recognizes every host kind, and nothing that is not a message', () => {
    for (const kind of HOST_TO_WEBVIEW_KINDS) {
      assert.ok(isHostKind(kind));
      assert.ok(isHostMessage({ type: kind }));
    }
    for (const data of [null, undefined, 'init', 3, [{ type: 'init' }], { kind: 'init' }]) {
      assert.equal(isHostMessage(data), false, JSON.stringify(data));
    }
    assert.ok(WEBVIEW_TO_HOST_KINDS.every((kind) => isWebviewKind(kind)));
    assert.equal(isWebviewKind(1), false);
  });
});
