import assert from 'node:assert/strict';
import type { WebviewToHost } from '../../../src/common/protocol';
import { parseWebviewMessage } from '../../../src/common/protocol';

/** One valid message of every shape of the protocol. */
const VALID: WebviewToHost[] = [
  { type: 'ready' },
  { type: 'send', text: 'Hello, Claude' },
  { type: 'stop', requestId: 'abc_123-XYZ' },
  { type: 'newChat' },
  { type: 'retry' },
  { type: 'continue' },
  { type: 'cancelRetry', requestId: 'r1' },
  { type: 'setModel', model: 'claude-sonnet-5' },
  { type: 'setControl', key: 'effort', value: 'high' },
  { type: 'setControl', key: 'thinking', value: 'on' },
  { type: 'setControl', key: 'thinkingBudgetTokens', value: 8192 },
  { type: 'setControl', key: 'webSearch', value: true },
  { type: 'setControl', key: 'webFetch', value: false },
  { type: 'setControl', key: 'codeExecution', value: true },
  { type: 'openLink', url: 'https://docs.anthropic.com/x?y=1#z' },
  { type: 'openLink', url: 'http://localhost:8080/' },
  { type: 'copyCode', code: 'const x = 1;' },
  { type: 'copyCode', code: '' },
  { type: 'insertCode', code: 'print(1)\n' },
  { type: 'setApiKey' },
  { type: 'openConversation', id: 'c0ffee' },
  { type: 'renameConversation', id: 'c0ffee', title: 'New title' },
  { type: 'deleteConversation', id: 'c0ffee' },
  { type: 'exportConversation', id: 'c0ffee', format: 'markdown' },
  { type: 'exportConversation', id: 'c0ffee', format: 'json' },
];

describe('parseWebviewMessage', () => {
  describe('accepts every valid shape', () => {
    for (const message of VALID) {
      it(`${message.type} ${JSON.stringify(message).slice(0, 60)}`, () => {
        assert.deepEqual(parseWebviewMessage(structuredClone(message)), message);
      });
    }
  });

  it('covers every message type of the protocol', () => {
    const types = new Set(VALID.map((m) => m.type));
    assert.equal(types.size, 17);
  });

  it('drops extra fields', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'send', text: 'x', role: 'system' }), { type: 'send', text: 'x' });
    assert.deepEqual(parseWebviewMessage({ type: 'stop', requestId: 'r', __proto__x: 1 }), { type: 'stop', requestId: 'r' });
  });

  it('trims a renamed title', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'renameConversation', id: 'a', title: '  Padded  ' }), { type: 'renameConversation', id: 'a', title: 'Padded' });
  });

  it('accepts text up to the limit', () => {
    assert.ok(parseWebviewMessage({ type: 'send', text: 'x'.repeat(1_000_000) }));
    assert.ok(parseWebviewMessage({ type: 'copyCode', code: 'x'.repeat(1_000_000) }));
    assert.ok(parseWebviewMessage({ type: 'setModel', model: 'm'.repeat(200) }));
    assert.ok(parseWebviewMessage({ type: 'stop', requestId: 'a'.repeat(128) }));
  });

  const INVALID: Array<[string, unknown]> = [
    ['null', null],
    ['a string', 'ready'],
    ['a number', 42],
    ['an array', [{ type: 'ready' }]],
    ['no type', {}],
    ['a non-string type', { type: 1 }],
    ['an unknown type', { type: 'deleteEverything' }],
    ['an inherited type name', { type: 'toString' }],
    ['send without text', { type: 'send' }],
    ['send with a number', { type: 'send', text: 5 }],
    ['send with blank text', { type: 'send', text: '  \n\t ' }],
    ['send with empty text', { type: 'send', text: '' }],
    ['send with extra-long text', { type: 'send', text: 'x'.repeat(1_000_001) }],
    ['copyCode with extra-long code', { type: 'copyCode', code: 'x'.repeat(1_000_001) }],
    ['copyCode with a number', { type: 'copyCode', code: 1 }],
    ['insertCode without code', { type: 'insertCode' }],
    ['stop without id', { type: 'stop' }],
    ['stop with an empty id', { type: 'stop', requestId: '' }],
    ['stop with a path id', { type: 'stop', requestId: '../etc' }],
    ['stop with a spaced id', { type: 'stop', requestId: 'a b' }],
    ['stop with a too long id', { type: 'stop', requestId: 'a'.repeat(129) }],
    ['stop with a number id', { type: 'stop', requestId: 12 }],
    ['cancelRetry with a bad id', { type: 'cancelRetry', requestId: 'x/y' }],
    ['setModel empty', { type: 'setModel', model: '' }],
    ['setModel too long', { type: 'setModel', model: 'm'.repeat(201) }],
    ['setModel not a string', { type: 'setModel', model: ['a'] }],
    ['setControl unknown key', { type: 'setControl', key: 'apiKey', value: 'sk-x' }],
    ['setControl inherited key', { type: 'setControl', key: 'constructor', value: 1 }],
    ['setControl no key', { type: 'setControl', value: true }],
    ['setControl NaN', { type: 'setControl', key: 'thinkingBudgetTokens', value: Number.NaN }],
    ['setControl Infinity', { type: 'setControl', key: 'thinkingBudgetTokens', value: Number.POSITIVE_INFINITY }],
    ['setControl -Infinity', { type: 'setControl', key: 'thinkingBudgetTokens', value: Number.NEGATIVE_INFINITY }],
    ['setControl object value', { type: 'setControl', key: 'effort', value: { level: 'high' } }],
    ['setControl null value', { type: 'setControl', key: 'effort', value: null }],
    ['setControl missing value', { type: 'setControl', key: 'webSearch' }],
    ['setControl long string', { type: 'setControl', key: 'effort', value: 'x'.repeat(101) }],
    ['openLink javascript:', { type: 'openLink', url: 'javascript:alert(1)' }],
    ['openLink JavaScript: with spaces', { type: 'openLink', url: ' JavaScript:alert(1)' }],
    ['openLink file:', { type: 'openLink', url: 'file:///etc/passwd' }],
    ['openLink command:', { type: 'openLink', url: 'command:workbench.action.terminal.new' }],
    ['openLink vscode:', { type: 'openLink', url: 'vscode://settings' }],
    ['openLink data:', { type: 'openLink', url: 'data:text/html,<script>1</script>' }],
    ['openLink too long', { type: 'openLink', url: `https://a.example/${'x'.repeat(8192)}` }],
    ['openLink not a string', { type: 'openLink', url: 1 }],
    ['openConversation bad id', { type: 'openConversation', id: '../../secrets' }],
    ['openConversation empty id', { type: 'openConversation', id: '' }],
    ['deleteConversation no id', { type: 'deleteConversation' }],
    ['renameConversation blank title', { type: 'renameConversation', id: 'a', title: '   ' }],
    ['renameConversation long title', { type: 'renameConversation', id: 'a', title: 't'.repeat(201) }],
    ['renameConversation bad id', { type: 'renameConversation', id: 'a.b', title: 'ok' }],
    ['renameConversation number title', { type: 'renameConversation', id: 'a', title: 5 }],
    ['exportConversation bad format', { type: 'exportConversation', id: 'a', format: 'html' }],
    ['exportConversation no format', { type: 'exportConversation', id: 'a' }],
    ['exportConversation bad id', { type: 'exportConversation', id: 'a/b', format: 'json' }],
  ];

  describe('rejects invalid messages', () => {
    for (const [name, raw] of INVALID) {
      it(name, () => {
        assert.equal(parseWebviewMessage(raw), undefined);
      });
    }
  });
});
