import assert from 'node:assert/strict';
import {
  describeSecretStorageFailure, KEY_UNREADABLE_KIND, KEYRING_DOCS_TITLE, keyUnreadableError, secretFailureCause,
} from '../../../src/common/secrets/secretStorageError';

describe('SecretStorage failures: the cause', () => {
  it('reads a locked collection as a locked keyring', () => {
    assert.equal(secretFailureCause(new Error('Cannot create an item in a locked collection')), 'keyring_locked');
  });

  it('reads a missing Secret Service interface as no keyring service', () => {
    assert.equal(secretFailureCause(new Error("No such interface 'org.freedesktop.Secret.Collection' on object at path /")), 'no_keyring_service');
  });

  it('reads an unprovided org.freedesktop.secrets name as no keyring service', () => {
    const error = new Error('The name org.freedesktop.secrets was not provided by any .service files');
    assert.equal(secretFailureCause(error), 'no_keyring_service');
  });

  it('reads "Failed to get password" and anything else as unknown', () => {
    assert.equal(secretFailureCause(new Error('Failed to get password')), 'unknown');
    assert.equal(secretFailureCause(new Error('boom')), 'unknown');
  });

  it('takes a thrown string or a non-error too', () => {
    assert.equal(secretFailureCause('Cannot create an item in a locked collection'), 'keyring_locked');
    assert.equal(secretFailureCause(undefined), 'unknown');
  });
});

describe('SecretStorage failures: the advice', () => {
  it('says a save failed, that nothing was stored, and to unlock a locked keyring', () => {
    const advice = describeSecretStorageFailure('save', new Error('Cannot create an item in a locked collection'));
    assert.equal(advice.cause, 'keyring_locked');
    assert.match(advice.message, /could not be saved to the system keychain/);
    assert.match(advice.message, /not stored anywhere/);
    assert.match(advice.message, /keyring is locked/);
    assert.match(advice.message, /Unlock the keyring/);
  });

  it('says a read failed and to install and start a Secret Service when none runs', () => {
    const advice = describeSecretStorageFailure('read', new Error('The name org.freedesktop.secrets was not provided by any .service files'));
    assert.match(advice.message, /could not be read from the system keychain/);
    assert.match(advice.message, /No keyring service/);
    assert.match(advice.message, /Install and start gnome-keyring/);
  });

  it('gives general advice for an unexplained failure', () => {
    const advice = describeSecretStorageFailure('delete', new Error('Failed to get password'));
    assert.match(advice.message, /could not be removed/);
    assert.match(advice.message, /did not explain/);
    assert.match(advice.message, /installed, running and unlocked/);
  });

  it('always offers --password-store=basic, says it only obfuscates, and names the docs page', () => {
    for (const error of [new Error('locked collection'), new Error('secret service'), new Error('x')]) {
      const { message } = describeSecretStorageFailure('save', error);
      assert.match(message, /--password-store=basic/);
      assert.match(message, /obfuscated, not encrypted/);
      assert.ok(message.includes(KEYRING_DOCS_TITLE));
    }
  });

  it('logs the original error text, scrubbed of the key being saved', () => {
    const key = 'my-gateway-key-123456';
    const advice = describeSecretStorageFailure('save', new Error(`could not store ${key}; also sk-ant-abcdefghijkl`), key);
    assert.match(advice.logLine, /^SecretStorage save failed \(unknown\): could not store \[redacted\]/);
    assert.ok(!advice.logLine.includes(key));
    assert.ok(!advice.logLine.includes('sk-ant-abcdefghijkl'));
    assert.ok(!advice.message.includes(key));
  });
});

describe('SecretStorage failures: the chat error', () => {
  it('is its own kind, says the key could not be read, and can be retried', () => {
    const view = keyUnreadableError(describeSecretStorageFailure('read', new Error('locked collection')));
    assert.equal(view.kind, KEY_UNREADABLE_KIND);
    assert.equal(view.retryable, true);
    assert.match(view.message, /could not be read from the system keychain/);
    assert.doesNotMatch(view.message, /No API key is set/);
  });
});
