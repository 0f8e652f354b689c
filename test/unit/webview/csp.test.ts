import * as assert from 'node:assert/strict';
import { chatCsp } from '../../../src/host/csp';

/** The policy as directive -> sources. */
function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name = '', ...sources]) => [name, sources]));
}

describe('chat webview CSP', () => {
  const csp = directives(chatCsp('https://file+.vscode-resource.vscode-cdn.net', 'N0nce'));

  it('allows nothing by default, and only the nonce’d script', () => {
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
    assert.deepEqual(csp.get('script-src'), ["'nonce-N0nce'"]);
  });

  it('loads no image from anywhere: only data: URLs (attachment thumbnails) are allowed', () => {
    assert.deepEqual(csp.get('img-src'), ['data:']);
  });

  it('forbids <base> and form submission', () => {
    assert.deepEqual(csp.get('base-uri'), ["'none'"]);
    assert.deepEqual(csp.get('form-action'), ["'none'"]);
  });

  it('takes styles and fonts from the extension only, and nothing unsafe anywhere', () => {
    assert.deepEqual(csp.get('style-src'), ['https://file+.vscode-resource.vscode-cdn.net']);
    assert.deepEqual(csp.get('font-src'), ['https://file+.vscode-resource.vscode-cdn.net']);
    for (const [name, sources] of csp) {
      for (const bad of ["'unsafe-inline'", "'unsafe-eval'", 'https:', '*']) assert.ok(!sources.includes(bad), `${name} allows ${bad}`);
      if (name !== 'img-src') assert.ok(!sources.includes('data:'), `${name} allows data:`);
    }
  });
});
