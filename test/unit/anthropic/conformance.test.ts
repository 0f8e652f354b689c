/**
 * Conformance: every recorded stream in ../shared/conformance/anthropic-sse is replayed, split into
 * random chunks, through this client and through @anthropic-ai/sdk, and the final messages must be
 * deeply equal. The fixtures are read in place, never copied into the project.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { MessagesClient } from '../../../src/common/anthropic/client';
import type { Message, MessagesRequest } from '../../../src/common/anthropic/types';
import { randomChunks, seededRandom, sseFromLines, sseResponse } from './helpers';

const FIXTURES = path.resolve(process.cwd(), '../shared/conformance/anthropic-sse');
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

function client(chunks: Uint8Array[]): MessagesClient {
  return new MessagesClient({
    baseUrl: 'https://api.example.test',
    apiKey: 'sk-ant-test-key-000000',
    authHeader: 'x-api-key',
    anthropicVersion: '2023-06-01',
    betas: [],
    maxRetries: 0,
    fetch: (async () => sseResponse(chunks)) as typeof fetch,
  });
}

async function sdkFinal(chunks: Uint8Array[]): Promise<Message> {
  const sdk = new Anthropic({
    apiKey: 'sk-ant-test-key-000000',
    baseURL: 'https://api.example.test',
    maxRetries: 0,
    fetch: (async () => sseResponse(chunks)) as typeof fetch,
  });
  const final = (await sdk.messages
    .stream({ model: 'claude-sonnet-5', max_tokens: 1024, messages: [{ role: 'user', content: 'hi' }] })
    .finalMessage()) as unknown as Record<string, unknown>;
  // The SDK adds parsed_output (structured outputs) to its final message; not part of the API's.
  const { parsed_output: _parsed, ...message } = final;
  return message as unknown as Message;
}

const request: MessagesRequest = { model: 'claude-sonnet-5', max_tokens: 1024, messages: [], stream: true };

describe('anthropic conformance with @anthropic-ai/sdk', () => {
  if (!fs.existsSync(FIXTURES)) {
    console.warn(`\n!!! CONFORMANCE SKIPPED: ${FIXTURES} is missing; nothing was compared with the SDK. !!!\n`);
    it(`SKIPPED: conformance fixtures missing at ${FIXTURES}`);
    return;
  }
  const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.chunks.txt')).sort();
  it('finds the fixture files', () => {
    assert.ok(files.length > 0, `no *.chunks.txt in ${FIXTURES}`);
  });
  for (const file of files) {
    it(`${file}: same final message as the SDK at random chunk splits`, async () => {
      const lines = fs.readFileSync(path.join(FIXTURES, file), 'utf8').split('\n').filter((l) => l.trim() !== '');
      const bytes = new TextEncoder().encode(sseFromLines(lines));
      for (const seed of SEEDS) {
        const random = seededRandom(seed);
        const chunks = randomChunks(bytes, random, seed % 2 === 0 ? 7 : 300);
        const expected = await sdkFinal(chunks);
        const drained = await client(chunks).stream(request).finalMessage();
        assert.deepStrictEqual(drained, expected, `${file} (finalMessage, seed ${seed})`);
        const stream = client(chunks).stream(request);
        let count = 0;
        for await (const _item of stream) count++;
        assert.ok(count >= lines.length - lines.filter((l) => l.includes('"ping"')).length);
        assert.deepStrictEqual(await stream.finalMessage(), expected, `${file} (iterated, seed ${seed})`);
      }
    });
  }
});
