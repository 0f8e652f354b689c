/**
 * A keychain that fails on demand, for the end-to-end test of a broken SecretStorage (there is no
 * other way to make VS Code's own storage fail from a test). Inert unless the extension host runs
 * with both `CLAUDE_MESSAGES_TEST_HOOKS=1` (which only the project's test harnesses set) and
 * `CLAUDE_MESSAGES_TEST_SECRET_FAULT_FILE` naming a file: then, while that file exists, every
 * call rejects with an error whose message is the file's text (say, the Secret Service's own
 * "No such interface 'org.freedesktop.Secret.Collection'"), and passes through when it is gone.
 * Without both variables the storage is returned as it is, not wrapped.
 */
import { promises as fs } from 'node:fs';

/** Names the file whose existence makes the keychain fail (test harnesses only). */
export const SECRET_FAULT_FILE_ENV = 'CLAUDE_MESSAGES_TEST_SECRET_FAULT_FILE';

/** The calls of VS Code's `SecretStorage` that can fail. */
export interface SecretCalls {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

/** `secrets`, or, in a test host with a fault file named, a copy whose calls fail while the file exists. */
export function withTestSecretFault<T extends SecretCalls>(secrets: T, env: Readonly<Record<string, string | undefined>>, hooksEnv: string): T {
  const file = env[hooksEnv] === '1' ? env[SECRET_FAULT_FILE_ENV] : undefined;
  if (!file) return secrets;
  const failIfAsked = async (): Promise<void> => {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      return;
    }
    throw new Error(text.trim() || 'SecretStorage failed (test fault)');
  };
  const faulty: SecretCalls = {
    get: async (key) => {
      await failIfAsked();
      return secrets.get(key);
    },
    store: async (key, value) => {
      await failIfAsked();
      return secrets.store(key, value);
    },
    delete: async (key) => {
      await failIfAsked();
      return secrets.delete(key);
    },
  };
  // Everything else (onDidChange) is the real storage's.
  return Object.assign(Object.create(secrets) as T, faulty);
}
