import * as assert from 'node:assert/strict';
import Mocha from 'mocha';
import { checkNothingRefused, formatRefusals } from '../../server/refusals';
import type { Refusal } from '../../server/server';

const REFUSAL: Refusal = {
  rule: 'prefill', method: 'POST', path: '/v1/messages', model: 'claude-sonnet-5', status: 400, type: 'invalid_request_error',
  message: 'This model does not support assistant message prefill. The conversation must end with a user message.', requestId: 'req_1', time: 0,
};

interface Outcome {
  passed: string[];
  failed: Array<[string, string]>;
}

/** Runs three tests under a root afterEach "nothing refused" hook, the second one leaving a refusal. */
async function runNested(take: () => Promise<readonly Refusal[]>): Promise<Outcome> {
  const mocha = new Mocha({ reporter: Mocha.reporters.Base });
  mocha.suite.afterEach('the test server refused nothing', async function (this: Mocha.Context) {
    await checkNothingRefused(this, take);
  });
  const suite = Mocha.Suite.create(mocha.suite, 'flows');
  for (const title of ['first', 'second', 'third']) suite.addTest(new Mocha.Test(title, () => undefined));
  const outcome: Outcome = { passed: [], failed: [] };
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (test) => outcome.passed.push(test.title));
    runner.on('fail', (test, error: Error) => outcome.failed.push([test.title, error.message]));
  });
  return outcome;
}

describe('the after-each "nothing refused" check', () => {
  it('fails just the test that left a refusal, lists it, and lets the other tests run', async () => {
    let calls = 0;
    const outcome = await runNested(async () => (++calls === 2 ? [REFUSAL] : []));
    assert.deepEqual(outcome.passed, ['first', 'second', 'third'], 'mocha reports the pass before the hook runs');
    assert.equal(outcome.failed.length, 1);
    const [title, message] = outcome.failed[0] ?? ['', ''];
    assert.equal(title, 'second');
    assert.match(message, /refused 1 request/);
    assert.match(message, /prefill: 400 invalid_request_error on POST \/v1\/messages \(claude-sonnet-5\): This model does not support/);
    assert.equal(calls, 3, 'the third test still ran');
  });

  it('fails the test when the server cannot be asked', async () => {
    const outcome = await runNested(async () => {
      throw new Error('connection refused');
    });
    assert.deepEqual(outcome.failed.map(([title]) => title), ['first', 'second', 'third']);
    assert.match(outcome.failed[0]?.[1] ?? '', /could not ask the test server what it refused: Error: connection refused/);
  });

  it('formats one line per refusal', () => {
    assert.equal(formatRefusals([REFUSAL, { ...REFUSAL, rule: 'authentication', status: 401, type: 'authentication_error', message: 'invalid x-api-key', model: undefined }]).split('\n').length, 2);
  });
});
