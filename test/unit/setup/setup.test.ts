import assert from 'node:assert/strict';
import { PROVIDER_PRESETS, checkBaseUrl, describeConnection, overrideNote, providerOf } from '../../../src/common/setup/setup';

describe('setup: the base URL check', () => {
  it('takes https URLs, drops trailing slashes and keeps a gateway path', () => {
    assert.deepEqual(checkBaseUrl(' https://api.cometapi.com/ '), { ok: true, baseUrl: 'https://api.cometapi.com' });
    assert.deepEqual(checkBaseUrl('https://gw.example.com/anthropic//'), { ok: true, baseUrl: 'https://gw.example.com/anthropic' });
    assert.deepEqual(checkBaseUrl('https://gw.example.com:8443'), { ok: true, baseUrl: 'https://gw.example.com:8443' });
  });

  it('takes plain http only to this machine', () => {
    assert.deepEqual(checkBaseUrl('http://localhost:4000'), { ok: true, baseUrl: 'http://localhost:4000' });
    assert.deepEqual(checkBaseUrl('http://127.0.0.1:8080/'), { ok: true, baseUrl: 'http://127.0.0.1:8080' });
    assert.deepEqual(checkBaseUrl('http://[::1]:9000'), { ok: true, baseUrl: 'http://[::1]:9000' });
    const refused = checkBaseUrl('http://api.example.com');
    assert.equal(refused.ok, false);
    assert.match(refused.ok ? '' : refused.reason, /Use https:\/\/.*unencrypted.*localhost or 127\.0\.0\.1/);
    // A host that only starts like a loopback name is not one.
    assert.equal(checkBaseUrl('http://localhost.example.com').ok, false);
    assert.equal(checkBaseUrl('http://127.0.0.1.nip.io').ok, false);
  });

  it('says why it refuses the rest', () => {
    const reason = (input: string): string => {
      const check = checkBaseUrl(input);
      return check.ok ? '' : check.reason;
    };
    assert.match(reason('   '), /Enter the API root/);
    assert.match(reason('api.example.com'), /is not a URL/);
    assert.match(reason('ftp://api.example.com'), /Use an https:\/\/ URL \(this one starts with ftp:\/\/\)/);
    assert.match(reason('javascript:alert(1)'), /Use an https:\/\/ URL/);
    assert.match(reason('https://user:secret@api.example.com'), /user name and password/);
    assert.match(reason('https://api.example.com/?key=1'), /query/);
    assert.match(reason('https://api.example.com/#x'), /fragment/);
  });
});

describe('setup: providers', () => {
  it('offers Anthropic, CometAPI and another URL, each with its default header', () => {
    assert.deepEqual(PROVIDER_PRESETS.map((p) => [p.id, p.baseUrl, p.authHeader]), [
      ['anthropic', 'https://api.anthropic.com', 'x-api-key'],
      ['cometapi', 'https://api.cometapi.com', 'bearer'],
      ['other', '', 'bearer'],
    ]);
  });

  it('names the provider of a saved URL, trailing slash or not', () => {
    assert.equal(providerOf('https://api.anthropic.com'), 'anthropic');
    assert.equal(providerOf('https://api.cometapi.com/'), 'cometapi');
    assert.equal(providerOf('https://api.cometapi.com/v2'), 'other');
    assert.equal(providerOf('http://127.0.0.1:1234'), 'other');
    assert.equal(providerOf(''), 'other');
  });

  it('describes a connection as Test Connection reports it', () => {
    assert.equal(describeConnection('https://api.cometapi.com', 'bearer'), 'https://api.cometapi.com (key sent as Authorization: Bearer)');
    assert.equal(describeConnection('https://api.anthropic.com', 'x-api-key'), 'https://api.anthropic.com (key sent as x-api-key)');
  });
});

describe('setup: which scope wins after a save', () => {
  it('says nothing when the saved value is in force', () => {
    assert.equal(overrideNote('claudeMessages.baseUrl', 'https://a.example', { effective: 'https://a.example' }), undefined);
  });

  it('names the Workspace Folder, then the Workspace, then any other scope that overrides it', () => {
    const folder = overrideNote('claudeMessages.authHeader', 'bearer', { workspaceValue: 'x-api-key', workspaceFolderValue: 'x-api-key', effective: 'x-api-key' });
    assert.match(folder ?? '', /Workspace Folder value of claudeMessages\.authHeader \("x-api-key"/);
    const workspace = overrideNote('claudeMessages.authHeader', 'bearer', { workspaceValue: 'x-api-key', effective: 'x-api-key' });
    assert.match(workspace ?? '', /^The Workspace value of claudeMessages\.authHeader \("x-api-key"\) wins/);
    const remote = overrideNote('claudeMessages.baseUrl', 'https://a.example', { effective: 'https://b.example' });
    assert.match(remote ?? '', /is still "https:\/\/b\.example": another settings scope.*Remote settings/);
  });
});
