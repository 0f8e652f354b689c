/**
 * In a workspace the user has not trusted, VS Code ignores the workspace's value of every setting
 * listed in `capabilities.untrustedWorkspaces.restrictedConfigurations`. A cloned repository must
 * not be able to spend the user's money, send the key elsewhere or tell the model what to do, so
 * every declared setting is classified here, with the reason, and a new setting fails this test
 * until someone decides which side it belongs on.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Manifest {
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, unknown> } };
}

const MONEY = 'costs money';
const WHERE = 'changes where requests go or what headers carry the key';
const TOLD = 'changes what the model is told or may do';

/** Settings a workspace must not set unless trusted, and why. */
const RESTRICTED: Record<string, string> = {
  baseUrl: `${WHERE}: a workspace could send the key to its own server`,
  authHeader: `${WHERE}: how the key is sent`,
  anthropicVersion: `${WHERE}: the anthropic-version header changes what the API accepts`,
  betas: `${WHERE}; ${MONEY}: a beta header can turn on billed features`,
  model: `${MONEY}: the most expensive model costs many times the cheapest`,
  maxTokens: `${MONEY}: the output ceiling`,
  systemPrompt: `${TOLD}: the system prompt steers every reply`,
  thinking: `${MONEY}: thinking tokens are billed as output`,
  thinkingBudgetTokens: `${MONEY}: thinking tokens are billed as output`,
  effort: `${MONEY}: higher effort spends more tokens`,
  webSearch: `${MONEY}: billed per search`,
  webSearchToolVersion: `${MONEY}: which billed search tool is offered`,
  webSearchMaxUses: `${MONEY}: searches per request`,
  webSearchAllowedDomains: `${TOLD}: which sites results come from`,
  webSearchBlockedDomains: `${TOLD}: which sites results come from`,
  webFetch: `${MONEY}; ${TOLD}: fetched pages enter the prompt`,
  webFetchToolVersion: `${MONEY}: which fetch tool is offered`,
  webFetchMaxUses: `${MONEY}: fetches per request`,
  webFetchAllowedDomains: `${TOLD}: which pages may be fetched`,
  webFetchBlockedDomains: `${TOLD}: which pages may be fetched`,
  webFetchCitations: `${TOLD}: what the fetch tool returns`,
  codeExecution: `${MONEY}: billed container time`,
  codeExecutionToolVersion: `${MONEY}: which code execution tool is offered`,
  toolChoice: `${TOLD}: can force the model to call a tool`,
  toolChoiceName: `${TOLD}: the tool the model is forced to call`,
  disableParallelToolUse: `${TOLD}: how the model may call tools`,
  maxToolRounds: `${MONEY}: each tool round is another request`,
  cacheTtl: `${MONEY}: one-hour cache writes cost twice the five-minute ones`,
  serviceTier: `${MONEY}: the tier decides capacity and price`,
  metadataUserId: `${WHERE}: an identifier sent with every request`,
  contextFileMaxChars: `${MONEY}: how much of a file is sent as context`,
  attachmentMaxBytes: `${MONEY}: how large a file is sent as an attachment`,
  documentCitations: `${MONEY}: citations add input tokens to every PDF sent`,
};

/** Settings a workspace may set even untrusted, and why that is harmless. */
const ALLOWED: Record<string, string> = {
  temperature: 'sampling only; same cost, same endpoint',
  topP: 'sampling only; same cost, same endpoint',
  topK: 'sampling only; same cost, same endpoint',
  stopSequences: 'can only end a reply sooner',
  thinkingDisplay: 'whether thinking is summarized or omitted in the reply; billed the same',
  maxRetries: 'retries follow 429/529/5xx answers, which are not billed; capped at 10',
  // Added in another branch; listed here so the two merge without a red test.
  headersTimeoutSeconds: 'how long to wait for the response headers',
  streamIdleTimeoutSeconds: 'how long a started reply may go silent before it is closed; what arrived is kept',
};

const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')) as Manifest;
const declared = Object.keys(manifest.contributes.configuration.properties).map((k) => k.replace(/^claudeMessages\./, ''));
const restricted = (manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? []).map((k) => k.replace(/^claudeMessages\./, ''));

describe('manifest: untrusted workspaces', () => {
  it('is limited, not unsupported, so the chat still works', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  });

  it('classifies every declared setting as restricted or allowed, never both', () => {
    for (const name of declared) {
      const sides = [name in RESTRICTED, name in ALLOWED].filter(Boolean).length;
      assert.equal(sides, 1, `claudeMessages.${name}: decide whether an untrusted workspace may set it`);
    }
  });

  it('restricts every setting that costs money, moves requests or changes what the model is told', () => {
    for (const [name, reason] of Object.entries(RESTRICTED)) {
      assert.ok(declared.includes(name), `claudeMessages.${name} is listed as restricted but not declared`);
      assert.ok(restricted.includes(name), `claudeMessages.${name} is not restricted (${reason})`);
    }
  });

  it('restricts only declared settings that the list above calls restricted', () => {
    for (const name of restricted) {
      assert.ok(declared.includes(name), `restricted claudeMessages.${name} is not declared`);
      assert.ok(name in RESTRICTED, `claudeMessages.${name} is restricted here but allowed in the test`);
    }
  });
});
