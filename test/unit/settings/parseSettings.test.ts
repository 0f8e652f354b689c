import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSettings } from '../../../src/common/settings/parseSettings';

/** A settings source over plain values, as VS Code's configuration would answer for them. */
function source(values: Record<string, unknown>) {
  return { get: (name: string): unknown => values[name] };
}

interface Manifest {
  contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
}

function declaredDefaults(): Record<string, unknown> {
  const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')) as Manifest;
  const entries = Object.entries(manifest.contributes.configuration.properties);
  return Object.fromEntries(entries.map(([key, property]) => [key.replace(/^claudeMessages\./, ''), property.default]));
}

describe('settings/parseSettings', () => {
  it('falls back to exactly the defaults package.json declares', () => {
    assert.deepEqual(parseSettings(source({})), parseSettings(source(declaredDefaults())));
  });

  it('reads well-formed values through', () => {
    const s = parseSettings(source({
      baseUrl: ' https://gateway.example/ ',
      authHeader: 'bearer',
      betas: ['files-api-2025-04-14', ' ', 3],
      maxRetries: 4,
      headersTimeoutSeconds: 45,
      model: 'claude-opus-4-1',
      systemPrompt: '  Be brief.\n',
      temperature: 0.3,
      thinking: 'off',
      effort: 'xhigh',
      webSearch: true,
      webSearchAllowedDomains: ['example.com'],
      webFetchCitations: false,
      codeExecution: true,
      codeExecutionToolVersion: ' code_execution_20260521 ',
      toolChoice: 'tool',
      toolChoiceName: ' web_search ',
      disableParallelToolUse: true,
      cacheTtl: '1h',
      metadataUserId: ' abc123 ',
    }));
    assert.deepEqual(s.connection, {
      baseUrl: 'https://gateway.example/',
      authHeader: 'bearer',
      anthropicVersion: '2023-06-01',
      betas: ['files-api-2025-04-14'],
      maxRetries: 4,
      headersTimeoutMs: 45_000,
      streamIdleTimeoutMs: 120_000,
    });
    assert.equal(s.request.model, 'claude-opus-4-1');
    assert.equal(s.request.system, '  Be brief.\n', 'the system prompt is sent as written');
    assert.equal(s.request.temperature, 0.3);
    assert.equal(s.request.thinking, 'off');
    assert.equal(s.request.effort, 'xhigh');
    assert.deepEqual([s.request.webSearch.enabled, s.request.webSearch.allowedDomains], [true, ['example.com']]);
    assert.equal(s.request.webFetch.citations, false);
    assert.deepEqual(s.request.codeExecution, { enabled: true, toolVersion: 'code_execution_20260521' });
    assert.deepEqual(s.request.toolChoice, { mode: 'tool', name: 'web_search', disableParallelToolUse: true });
    assert.equal(s.request.cacheTtl, '1h');
    assert.equal(s.request.metadataUserId, 'abc123');
  });

  it('replaces values of the wrong type or outside the enum with the default, without throwing', () => {
    const s = parseSettings(source({
      baseUrl: 42,
      model: '   ',
      systemPrompt: ['not', 'a', 'string'],
      authHeader: 'basic',
      effort: 'extreme',
      thinking: true,
      temperature: 'hot',
      topK: Number.NaN,
      stopSequences: 'STOP',
      webSearch: 'yes',
      webFetchToolVersion: 7,
      codeExecution: 1,
      toolChoice: 'required',
      disableParallelToolUse: 'true',
    }));
    assert.equal(s.connection.baseUrl, 'https://api.anthropic.com');
    assert.equal(s.connection.authHeader, 'x-api-key');
    assert.equal(s.request.model, 'claude-sonnet-5-5');
    assert.equal(s.request.system, '');
    assert.equal(s.request.effort, 'default');
    assert.equal(s.request.thinking, 'auto');
    assert.equal(s.request.temperature, null);
    assert.equal(s.request.topK, null);
    assert.deepEqual(s.request.stopSequences, []);
    assert.equal(s.request.webSearch.enabled, false, 'only true turns a tool on');
    assert.equal(s.request.webFetch.toolVersion, 'web_fetch_20250910');
    assert.deepEqual(s.request.codeExecution, { enabled: false, toolVersion: 'code_execution_20250825' });
    assert.deepEqual(s.request.toolChoice, { mode: 'auto', name: '', disableParallelToolUse: false });
  });

  it('gives the request builder the API version the header carries, since the body depends on it', () => {
    assert.equal(parseSettings(source({})).request.anthropicVersion, '2023-06-01');
    const newer = parseSettings(source({ anthropicVersion: ' 2026-10-21 ' }));
    assert.deepEqual([newer.connection.anthropicVersion, newer.request.anthropicVersion], ['2026-10-21', '2026-10-21']);
  });

  it('clamps counts into their ranges and rounds them down', () => {
    const low = parseSettings(source({ maxRetries: -3, maxToolRounds: 0, maxTokens: 0, contextFileMaxChars: -1 }));
    assert.deepEqual([low.connection.maxRetries, low.maxToolRounds, low.request.maxTokens, low.contextFileMaxChars], [0, 1, 1, 0]);
    const high = parseSettings(source({ maxRetries: 99, maxToolRounds: 500, maxTokens: 1234.9, thinkingBudgetTokens: 2048.5 }));
    assert.deepEqual([high.connection.maxRetries, high.maxToolRounds, high.request.maxTokens, high.request.thinkingBudgetTokens], [10, 50, 1234, 2048]);
  });

  it('keeps the headers timeout at 5 s or more, in ms, defaulting to 30 s', () => {
    assert.equal(parseSettings(source({})).connection.headersTimeoutMs, 30_000);
    assert.equal(parseSettings(source({ headersTimeoutSeconds: 1 })).connection.headersTimeoutMs, 5_000);
    assert.equal(parseSettings(source({ headersTimeoutSeconds: '60' })).connection.headersTimeoutMs, 30_000);
    assert.equal(parseSettings(source({ headersTimeoutSeconds: 120 })).connection.headersTimeoutMs, 120_000);
  });

  it('keeps the stream idle limit at 5 s or more, in ms, defaulting to 120 s (the client takes it as streamIdleTimeoutMs)', () => {
    assert.equal(parseSettings(source({})).connection.streamIdleTimeoutMs, 120_000);
    assert.equal(parseSettings(source({ streamIdleTimeoutSeconds: 0 })).connection.streamIdleTimeoutMs, 5_000);
    assert.equal(parseSettings(source({ streamIdleTimeoutSeconds: 'soon' })).connection.streamIdleTimeoutMs, 120_000);
    assert.equal(parseSettings(source({ streamIdleTimeoutSeconds: 300 })).connection.streamIdleTimeoutMs, 300_000);
  });
});
