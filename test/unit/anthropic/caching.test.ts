import assert from 'node:assert/strict';
import { MAX_CACHE_BREAKPOINTS, isContextBlock, markAsContext, placeCacheBreakpoints, stripCacheControl } from '../../../src/common/anthropic/caching';
import { capabilitiesFor } from '../../../src/common/anthropic/models';
import { buildMessagesRequest } from '../../../src/common/anthropic/request';
import type { RequestSettings } from '../../../src/common/anthropic/request';
import type { ContentBlock, DocumentBlock, MessageParam, MessagesRequest, TextBlock } from '../../../src/common/anthropic/types';

// ---------- A tiny model of the API's prompt cache ----------

/** The prompt as a list of blocks in cache order (tools, system, messages), markers removed. */
function promptBlocks(request: MessagesRequest): { text: string[]; breakpoints: number[] } {
  const text: string[] = [];
  const breakpoints: number[] = [];
  const add = (label: string, block: object): void => {
    const { cache_control: cc, ...rest } = block as { cache_control?: unknown };
    if (cc !== undefined) breakpoints.push(text.length);
    text.push(`${label}:${JSON.stringify(rest)}`);
  };
  // Settings that change the whole cache go in front of the first block.
  const header = JSON.stringify({ model: request.model, thinking: request.thinking ?? null, tool_choice: request.tool_choice ?? null });
  text.push(`header:${header}`);
  for (const tool of request.tools ?? []) add('tool', tool);
  const system = typeof request.system === 'string' ? [{ type: 'text', text: request.system }] : request.system ?? [];
  for (const block of system) add('system', block);
  request.messages.forEach((message, i) => {
    const content = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
    for (const block of content) add(`${message.role}#${i}`, block);
  });
  return { text, breakpoints };
}

function prefixes(blocks: string[]): string[] {
  const out: string[] = [];
  let acc = '';
  for (const b of blocks) {
    acc += `${b}\n`;
    out.push(acc);
  }
  return out;
}

/** Reads: the longest written prefix ending within 20 blocks before a breakpoint. Writes: each breakpoint. */
class PrefixCache {
  readonly #written = new Set<string>();
  request(request: MessagesRequest): { readChars: number; totalChars: number; breakpoints: number } {
    const { text, breakpoints } = promptBlocks(request);
    const pre = prefixes(text);
    let readChars = 0;
    for (const b of breakpoints) {
      for (let p = b; p >= Math.max(0, b - 20); p--) {
        const candidate = pre[p] as string;
        if (this.#written.has(candidate)) {
          readChars = Math.max(readChars, candidate.length);
          break;
        }
      }
    }
    for (const b of breakpoints) this.#written.add(pre[b] as string);
    return { readChars, totalChars: (pre.at(-1) ?? '').length, breakpoints: breakpoints.length };
  }
}

// ---------- A realistic conversation ----------

function words(seed: number, chars: number): string {
  const vocab = ['function', 'const', 'return', 'value', 'cache', 'token', 'stream', 'message', 'editor', 'range', 'result', 'update'];
  let out = '';
  for (let i = 0; out.length < chars; i++) out += `${vocab[(seed * 7 + i * 3) % vocab.length]}${i % 11 === 0 ? '\n' : ' '}`;
  return out.slice(0, chars);
}

const settings: RequestSettings = {
  model: 'claude-sonnet-5',
  maxTokens: 16000,
  system: words(1, 2000),
  temperature: null,
  topP: null,
  topK: null,
  stopSequences: [],
  thinking: 'auto',
  thinkingBudgetTokens: 8000,
  thinkingDisplay: 'summarized',
  effort: 'default',
  webSearch: { enabled: true, toolVersion: 'web_search_20250305', maxUses: 5, allowedDomains: [], blockedDomains: [] },
  webFetch: { enabled: false, toolVersion: 'web_fetch_20250910', maxUses: 5, allowedDomains: [], blockedDomains: [], citations: true },
  codeExecution: { enabled: false, toolVersion: 'code_execution_20250825' },
  toolChoice: { mode: 'auto', name: '', disableParallelToolUse: false },
  cacheTtl: '5m',
  serviceTier: 'default',
  metadataUserId: '',
  anthropicVersion: '2023-06-01',
};
const editorTool = [{ type: 'text_editor_20250728', name: 'str_replace_based_edit_tool' }];

function firstTurn(): MessageParam {
  const doc: DocumentBlock = markAsContext({
    type: 'document',
    source: { type: 'text', media_type: 'text/plain', data: words(2, 60_000) },
    title: 'src/big.ts',
  });
  const selection: TextBlock = markAsContext({ type: 'text', text: `Selection (lines 10-40):\n${words(3, 1500)}` });
  return { role: 'user', content: [doc, selection, { type: 'text', text: 'Explain the selected code.' }] };
}

function assistantTurn(n: number): MessageParam {
  const content: ContentBlock[] = [
    { type: 'thinking', thinking: words(n + 10, 300), signature: `sig-${n}` },
    { type: 'text', text: words(n + 20, 600) },
  ];
  return { role: 'assistant', content };
}

function request(history: MessageParam[]): MessagesRequest {
  return buildMessagesRequest({ settings, capabilities: capabilitiesFor(settings.model), messages: history, tools: editorTool }).body;
}

function conversation(turns: number): MessagesRequest[] {
  // The history is stored as the app would: clean of markers, plain strings for typed follow-ups.
  let history: MessageParam[] = [firstTurn()];
  const requests: MessagesRequest[] = [];
  for (let t = 1; t <= turns; t++) {
    const frozen = JSON.stringify(history);
    requests.push(request(history));
    assert.equal(JSON.stringify(history), frozen, 'the history was mutated');
    history = stripCacheControl([...history, assistantTurn(t), { role: 'user', content: `Follow-up ${t}: ${words(t + 30, 300)}` }]);
  }
  return requests;
}

describe('anthropic/caching placement', () => {
  it('marks newest and previous user turns, system and the context blocks in order; at most 4; strips editorContext', () => {
    const requests = conversation(3);
    const third = requests[2] as MessagesRequest;
    const json = JSON.stringify(third);
    assert.ok(!json.includes('editorContext'));
    assert.equal((json.match(/cache_control/g) ?? []).length, MAX_CACHE_BREAKPOINTS);
    assert.ok(json.match(/"cache_control":\{"type":"ephemeral","ttl":"5m"\}/));
    const marked = (m: MessageParam | undefined): boolean[] =>
      Array.isArray(m?.content) ? (m.content as Array<{ cache_control?: unknown }>).map((b) => b.cache_control !== undefined) : [];
    const msgs = third.messages;
    assert.deepStrictEqual(marked(msgs[4]), [true], 'newest user turn');
    assert.deepStrictEqual(marked(msgs[2]), [true], 'previous user turn');
    assert.deepStrictEqual(marked(msgs[0]), [true, false, false], 'the first context block (the file) takes the last free slot');
    assert.ok(Array.isArray(third.system) && third.system.at(-1)?.cache_control);
    assert.equal(third.tools?.at(-1)?.cache_control, undefined, 'system covers the tools');
  });

  it('marks the last tool when there is no system prompt', () => {
    const req = placeCacheBreakpoints({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'hi' }], tools: [{ name: 'a', input_schema: {} }, { name: 'b', input_schema: {} }], stream: true }, '1h');
    assert.deepStrictEqual(req.tools?.[1]?.cache_control, { type: 'ephemeral', ttl: '1h' });
    assert.deepStrictEqual(req.messages[0]?.content, [{ type: 'text', text: 'hi', cache_control: { type: 'ephemeral', ttl: '1h' } }]);
  });

  it('never mutates its input and removes old markers', () => {
    const old: MessageParam[] = [
      { role: 'user', content: [{ type: 'text', text: 'a', cache_control: { type: 'ephemeral' } }] },
      { role: 'assistant', content: 'b' },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'text', text: 'r', cache_control: { type: 'ephemeral' } }] }] },
      { role: 'assistant', content: 'c' },
      { role: 'user', content: 'd' },
    ];
    const before = JSON.stringify(old);
    const req = placeCacheBreakpoints({ model: 'm', max_tokens: 1, messages: old, system: 'sys', stream: true }, '5m');
    assert.equal(JSON.stringify(old), before);
    assert.equal((JSON.stringify(req).match(/cache_control/g) ?? []).length, 3);
    assert.equal(req.messages[0]?.content[0] && (req.messages[0].content[0] as TextBlock).cache_control, undefined);
    const stripped = stripCacheControl(old);
    assert.ok(!JSON.stringify(stripped).includes('cache_control'));
    assert.equal(stripped[1], old[1], 'unchanged messages are reused, not copied');
  });

  it('recognizes context blocks', () => {
    assert.equal(isContextBlock({ type: 'document', source: { type: 'text', media_type: 'text/plain', data: '' } }), true);
    assert.equal(isContextBlock(markAsContext({ type: 'text', text: 'x' })), true);
    assert.equal(isContextBlock({ type: 'text', text: 'x' }), false);
  });
});

describe('anthropic/caching prefix stability and cache reads', () => {
  for (const turns of [5, 21]) {
    it(`${turns} turns: the prefix up to each breakpoint is byte-identical in the next request`, () => {
      const requests = conversation(turns);
      for (let n = 0; n + 1 < requests.length; n++) {
        const a = promptBlocks(requests[n] as MessagesRequest);
        const b = promptBlocks(requests[n + 1] as MessagesRequest);
        const pa = prefixes(a.text);
        const pb = prefixes(b.text);
        assert.ok(a.breakpoints.length <= MAX_CACHE_BREAKPOINTS);
        for (const bp of a.breakpoints) assert.equal(pb[bp], pa[bp], `request ${n + 1} breakpoint ${bp}`);
      }
    });

    it(`${turns} turns: every follow-up reads >= 97 % of its prompt from the cache`, () => {
      const cache = new PrefixCache();
      const requests = conversation(turns);
      requests.forEach((req, n) => {
        const { readChars, totalChars, breakpoints } = cache.request(req);
        assert.ok(breakpoints <= MAX_CACHE_BREAKPOINTS);
        const readTokens = readChars / 4;
        const promptTokens = totalChars / 4;
        if (n === 0) assert.equal(readTokens, 0);
        else assert.ok(readTokens / promptTokens >= 0.97, `turn ${n + 1}: ${((100 * readTokens) / promptTokens).toFixed(1)} % read`);
      });
    });
  }

  it('tool loops with long assistant turns (> 20 blocks) still read the previous request', () => {
    const cache = new PrefixCache();
    let history: MessageParam[] = [firstTurn()];
    for (let round = 1; round <= 6; round++) {
      const req = request(history);
      const { readChars, totalChars } = cache.request(req);
      if (round > 1) assert.ok(readChars / totalChars >= 0.9, `round ${round}: ${(readChars / totalChars).toFixed(3)}`);
      const calls: ContentBlock[] = [];
      const results: Array<{ type: 'tool_result'; tool_use_id: string; content: string }> = [];
      for (let k = 0; k < 12; k++) {
        calls.push({ type: 'text', text: `step ${k}` });
        calls.push({ type: 'tool_use', id: `t${round}_${k}`, name: 'str_replace_based_edit_tool', input: { command: 'view', path: `f${k}.ts` } });
        results.push({ type: 'tool_result', tool_use_id: `t${round}_${k}`, content: words(k, 50) });
      }
      history = stripCacheControl([...history, { role: 'assistant', content: calls }, { role: 'user', content: results }]);
    }
  });
});
