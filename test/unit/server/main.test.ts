import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { GOOD_HEADERS, messagesBody, parseEvents, streamedText } from './helpers';

// The compiled CLI sits next to this file's compiled folder: <out>/test/server/main.js.
const MAIN = path.join(__dirname, '..', '..', 'server', 'main.js');

describe('test server: CLI', () => {
  it('prints TEST_SERVER_URL, serves, and exits on SIGTERM', async () => {
    const child = spawn(process.execPath, [MAIN, '--port', '0', '--token-delay-ms', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /TEST_SERVER_URL=(http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
          if (match?.[1]) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
      });
      const response = await fetch(`${url}/v1/messages`, { method: 'POST', headers: GOOD_HEADERS, body: JSON.stringify(messagesBody('cli')) });
      assert.equal(response.status, 200);
      assert.match(streamedText(parseEvents(await response.text())), /^You said: cli\./);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('rejects unknown arguments', async () => {
    const child = spawn(process.execPath, [MAIN, '--bogus'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    assert.notEqual(code, 0);
  });
});
