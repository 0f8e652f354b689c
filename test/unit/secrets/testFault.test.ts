import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SECRET_FAULT_FILE_ENV, withTestSecretFault } from '../../../src/common/secrets/testFault';
import { describeSecretStorageFailure } from '../../../src/common/secrets/secretStorageError';

const HOOKS = 'CLAUDE_MESSAGES_TEST_HOOKS';

/** An in-memory SecretStorage with an extra member, to see that the wrapper keeps it. */
function memoryStorage() {
  const values = new Map<string, string>();
  return {
    values,
    onDidChange: 'the real event',
    get: async (key: string) => values.get(key),
    store: async (key: string, value: string) => void values.set(key, value),
    delete: async (key: string) => void values.delete(key),
  };
}

describe('secrets: the test-only keychain fault', () => {
  let dir: string;
  let faultFile: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-secret-fault-'));
    faultFile = path.join(dir, 'fault');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is inert without both variables: the storage itself comes back, unwrapped', () => {
    const storage = memoryStorage();
    assert.equal(withTestSecretFault(storage, {}, HOOKS), storage);
    assert.equal(withTestSecretFault(storage, { [SECRET_FAULT_FILE_ENV]: faultFile }, HOOKS), storage, 'the fault file alone does nothing');
    assert.equal(withTestSecretFault(storage, { [HOOKS]: '1' }, HOOKS), storage, 'the hooks alone do nothing');
    assert.equal(withTestSecretFault(storage, { [HOOKS]: 'true', [SECRET_FAULT_FILE_ENV]: faultFile }, HOOKS), storage, 'only "1" turns the hooks on');
  });

  it('fails every call with the file text while the file exists, and passes through once it is gone', async () => {
    const storage = memoryStorage();
    const wrapped = withTestSecretFault(storage, { [HOOKS]: '1', [SECRET_FAULT_FILE_ENV]: faultFile }, HOOKS);
    await wrapped.store('k', 'before');
    assert.equal(await wrapped.get('k'), 'before');
    const error = "No such interface 'org.freedesktop.Secret.Collection' on object at path /org/freedesktop/secrets/collection/login";
    fs.writeFileSync(faultFile, error);
    await assert.rejects(wrapped.get('k'), new Error(error));
    await assert.rejects(wrapped.store('k', 'lost?'), new Error(error));
    await assert.rejects(wrapped.delete('k'), new Error(error));
    assert.equal(storage.values.get('k'), 'before', 'a failed store or delete changes nothing');
    fs.rmSync(faultFile);
    assert.equal(await wrapped.get('k'), 'before');
    assert.equal(wrapped.onDidChange, 'the real event', 'the rest is the real storage');
  });

  it('the injected error reads as a missing Secret Service to the advice', async () => {
    const wrapped = withTestSecretFault(memoryStorage(), { [HOOKS]: '1', [SECRET_FAULT_FILE_ENV]: faultFile }, HOOKS);
    fs.writeFileSync(faultFile, "No such interface 'org.freedesktop.Secret.Collection'");
    const thrown = await wrapped.get('k').then(() => undefined, (e: unknown) => e);
    assert.equal(describeSecretStorageFailure('read', thrown).cause, 'no_keyring_service');
  });
});
