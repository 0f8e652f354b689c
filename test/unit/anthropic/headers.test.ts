import assert from 'node:assert/strict';
import { buildHeaders } from '../../../src/common/anthropic/headers';
import { apiUrl, isInsecureRemoteUrl, messagesUrl, warnIfInsecure } from '../../../src/common/anthropic/url';

const KEY = 'sk-ant-api03-header-test-key';

describe('anthropic/headers', () => {
  it('x-api-key: exactly one auth header carrying the key', () => {
    const h = buildHeaders({ apiKey: KEY, authHeader: 'x-api-key', anthropicVersion: '2023-06-01', betas: [] });
    assert.deepStrictEqual(h, { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': KEY });
  });

  it('bearer: authorization only', () => {
    const h = buildHeaders({ apiKey: KEY, authHeader: 'bearer', anthropicVersion: '2026-10-21', betas: [] });
    assert.equal(h['authorization'], `Bearer ${KEY}`);
    assert.equal(h['x-api-key'], undefined);
    assert.equal(Object.values(h).filter((v) => v.includes(KEY)).length, 1);
  });

  it('joins betas into one anthropic-beta header, skipping blanks and duplicates', () => {
    const h = buildHeaders({ apiKey: KEY, authHeader: 'x-api-key', anthropicVersion: 'v', betas: ['a-2025', ' ', 'b-2026', 'a-2025'] });
    assert.equal(h['anthropic-beta'], 'a-2025,b-2026');
    assert.equal(buildHeaders({ apiKey: KEY, authHeader: 'x-api-key', anthropicVersion: 'v', betas: [''] })['anthropic-beta'], undefined);
  });
});

describe('anthropic/url', () => {
  it('appends /v1/messages with no double slash', () => {
    for (const base of ['https://api.anthropic.com', 'https://api.anthropic.com/', 'https://api.anthropic.com//', ' https://api.anthropic.com/ ']) {
      assert.equal(messagesUrl(base), 'https://api.anthropic.com/v1/messages');
    }
    assert.equal(messagesUrl('https://gw.example/anthropic/'), 'https://gw.example/anthropic/v1/messages');
    assert.equal(apiUrl('https://x/', '/v1/models'), 'https://x/v1/models');
  });

  it('flags plain http on remote hosts only', () => {
    assert.equal(isInsecureRemoteUrl('http://gateway.example.com'), true);
    assert.equal(isInsecureRemoteUrl('http://192.168.1.5:8080'), true);
    for (const safe of ['https://api.anthropic.com', 'http://localhost:3000', 'http://127.0.0.1:9', 'http://[::1]:8080', 'http://app.localhost']) {
      assert.equal(isInsecureRemoteUrl(safe), false, safe);
    }
  });

  it('warns once per base URL per callback', () => {
    const seen: string[] = [];
    const onWarning = (m: string): void => {
      seen.push(m);
    };
    warnIfInsecure('http://gw.example.com', onWarning);
    warnIfInsecure('http://gw.example.com/', onWarning);
    warnIfInsecure('http://other.example.com', onWarning);
    warnIfInsecure('https://secure.example.com', onWarning);
    warnIfInsecure('http://localhost:1', onWarning);
    assert.equal(seen.length, 2);
    assert.match(seen[0] ?? '', /http:\/\/gw\.example\.com/);
  });
});
