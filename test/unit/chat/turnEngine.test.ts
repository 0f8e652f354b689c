import assert from 'node:assert/strict';
import { ClaudeApiError } from '../../../src/common/anthropic/errors';
import type { Container, MessageParam, MessagesRequest, StopReason, StreamEvent, ToolResultBlock, ToolUseBlock } from '../../../src/common/anthropic/types';
import type { CarriedOver } from '../../../src/common/chat/ports';
import { MessageListTranscript } from '../../../src/common/chat/messageListTranscript';
import type { StreamingClient } from '../../../src/common/chat/ports';
import type { TurnOutcome } from '../../../src/common/chat/streamTurn';
import { MAX_PAUSE_CONTINUATIONS, runTurn, type ReplySink, type ToolPort, type TurnRequest, type TurnTranscript } from '../../../src/common/chat/turnEngine';
import { FakeClient, messageEnd, messageStart, replay, textBlock, textOf, textReply, toolUseBlock } from './fakes';

/** A transcript that records what the engine did with it, over a plain message list. */
class RecordingTranscript implements TurnTranscript {
  readonly inner = new MessageListTranscript([{ role: 'user', content: 'go' }]);
  readonly finished: TurnOutcome['kind'][] = [];
  readonly toolResults: ToolResultBlock[][] = [];
  events = 0;

  messages(): MessageParam[] {
    return this.inner.messages();
  }
  startReply(): ReplySink {
    const sink = this.inner.startReply();
    return {
      onEvent: (event, snapshot) => {
        this.events++;
        sink.onEvent(event, snapshot);
      },
      finish: (outcome) => {
        this.finished.push(outcome.kind);
        sink.finish(outcome);
      },
    };
  }
  addToolResults(results: ToolResultBlock[]): void {
    this.toolResults.push(results);
    this.inner.addToolResults(results);
  }
  container(): Container | undefined {
    return this.inner.container();
  }
}

function toolReply(id: string) {
  return replay([messageStart(), ...textBlock(0, ['Looking.']), ...toolUseBlock(1, id, 'str_replace_based_edit_tool', { command: 'view', path: 'a.ts' }), ...messageEnd('tool_use')]);
}

function echoTools(): ToolPort & { runs: ToolUseBlock[][] } {
  const runs: ToolUseBlock[][] = [];
  return {
    runs,
    definitions: () => [{ type: 'text_editor_20250728', name: 'str_replace_based_edit_tool' }],
    run: (calls) => {
      runs.push(calls);
      return Promise.resolve(calls.map((call): ToolResultBlock => ({ type: 'tool_result', tool_use_id: call.id, content: `ran ${call.id}` })));
    },
  };
}

function request(client: StreamingClient, overrides: Partial<TurnRequest> = {}): TurnRequest & { transcript: RecordingTranscript } {
  return {
    client,
    transcript: new RecordingTranscript(),
    buildRequest: (messages, tools) => {
      const body: MessagesRequest = { model: 'claude-sonnet-5', max_tokens: 100, stream: true, messages };
      if (tools.length > 0) body.tools = tools;
      return { body, warnings: [] };
    },
    maxToolRounds: 3,
    signal: new AbortController().signal,
    ...overrides,
  } as TurnRequest & { transcript: RecordingTranscript };
}

describe('turn engine', () => {
  describe('a reply that ends the turn', () => {
    const cases: Array<[StopReason, string]> = [
      ['end_turn', 'end_turn'],
      ['max_tokens', 'max_tokens'],
      ['refusal', 'refusal'],
      ['stop_sequence', 'stop_sequence'],
      ['model_context_window_exceeded', 'context_window'],
      ['some_future_reason', 'other'],
    ];
    for (const [stopReason, reason] of cases) {
      it(`${stopReason} ends as '${reason}' after one request, with the reply`, async () => {
        const client = new FakeClient([replay(textReply(['Hi'], stopReason)), replay(textReply(['never']))]);
        const turn = request(client);
        const end = await runTurn(turn);
        assert.equal(end.kind, 'ended');
        assert.equal(end.kind === 'ended' && end.reason, reason);
        assert.equal(end.kind === 'ended' && textOf(end.message.content), 'Hi');
        assert.equal(client.requests.length, 1, 'no continuation without the user');
        assert.deepEqual(turn.transcript.finished, ['complete']);
      });
    }

    it('a tool_use reply with no tool port ends as tool_use, nothing run', async () => {
      const client = new FakeClient([toolReply('t1'), replay(textReply(['never']))]);
      const end = await runTurn(request(client));
      assert.equal(end.kind === 'ended' && end.reason, 'tool_use');
      assert.equal(client.requests.length, 1);
    });
  });

  describe('client tool rounds', () => {
    it('runs the calls through the port, adds the results and sends again', async () => {
      const tools = echoTools();
      const client = new FakeClient([toolReply('t1'), replay(textReply(['Done.']))]);
      const turn = request(client, { tools });
      const end = await runTurn(turn);
      assert.equal(end.kind === 'ended' && end.toolRounds, 1);
      assert.deepEqual(tools.runs.map((calls) => calls.map((c) => c.id)), [['t1']]);
      assert.deepEqual(client.requests[1]?.messages.map((m) => m.role), ['user', 'assistant', 'user']);
      assert.deepEqual(client.requests[1]?.messages[2]?.content, [{ type: 'tool_result', tool_use_id: 't1', content: 'ran t1' }]);
      assert.deepEqual(client.requests[0]?.tools?.map((t) => t.name), ['str_replace_based_edit_tool']);
    });

    it('stops at the round cap with the last reply', async () => {
      const tools = echoTools();
      const client = new FakeClient([toolReply('t1'), toolReply('t2'), toolReply('t3')]);
      const end = await runTurn(request(client, { tools, maxToolRounds: 2 }));
      assert.equal(end.kind, 'tool-round-cap');
      assert.equal(end.kind === 'tool-round-cap' && end.toolRounds, 2);
      assert.equal(tools.runs.length, 2);
      assert.equal(client.requests.length, 3);
    });

    it('turns a failing tool runner into is_error results, worded by the caller', async () => {
      const client = new FakeClient([toolReply('t1'), replay(textReply(['I see.']))]);
      const tools: ToolPort = { definitions: () => [], run: () => Promise.reject(new Error('disk on fire')) };
      const end = await runTurn(request(client, { tools, describeToolError: (error) => `described: ${String(error)}` }));
      assert.equal(end.kind, 'ended');
      const results = client.requests[1]?.messages.at(-1)?.content as ToolResultBlock[];
      assert.equal(results[0]?.is_error, true);
      assert.match(String(results[0]?.content), /^The tool failed: described: Error: disk on fire/);
    });

    it('ends stopped when the user stops while the tools run, sending nothing more', async () => {
      const controller = new AbortController();
      const tools: ToolPort = {
        definitions: () => [],
        run: (calls) => {
          controller.abort();
          return Promise.resolve(calls.map((c): ToolResultBlock => ({ type: 'tool_result', tool_use_id: c.id, content: 'x' })));
        },
      };
      const client = new FakeClient([toolReply('t1'), replay(textReply(['never']))]);
      const turn = request(client, { tools, signal: controller.signal });
      const end = await runTurn(turn);
      assert.equal(end.kind, 'stopped');
      assert.equal(client.requests.length, 1);
      assert.deepEqual(turn.transcript.toolResults, [], 'results of a stopped round are not added');
    });
  });

  describe('pause_turn', () => {
    it('continues with the paused reply last, until the turn ends', async () => {
      const client = new FakeClient([replay(textReply(['one '], 'pause_turn')), replay(textReply(['two'])), replay(textReply(['never']))]);
      const end = await runTurn(request(client));
      assert.equal(end.kind === 'ended' && end.reason, 'end_turn');
      assert.equal(client.requests.length, 2);
      assert.equal(client.requests[1]?.messages.at(-1)?.role, 'assistant');
    });

    it("hands the paused reply's code execution container to the continuation's request", async () => {
      const container = { id: 'container_1', expires_at: '2026-11-24T12:30:00Z' };
      const paused: StreamEvent[] = [messageStart(), ...textBlock(0, ['one ']), ...messageEnd('pause_turn')];
      const delta = paused.at(-2);
      if (delta?.type === 'message_delta') delta.delta.container = container;
      const client = new FakeClient([replay(paused), replay(textReply(['two']))]);
      const carried: Array<CarriedOver | undefined> = [];
      const turn = request(client);
      const build = turn.buildRequest;
      await runTurn({
        ...turn,
        buildRequest: (messages, tools, carry) => {
          carried.push(carry);
          return build(messages, tools, carry);
        },
      });
      assert.deepStrictEqual(carried, [{ container: undefined }, { container }]);
    });

    it(`stops after ${MAX_PAUSE_CONTINUATIONS} continuations`, async () => {
      const scripts = Array.from({ length: MAX_PAUSE_CONTINUATIONS + 3 }, (_, i) => replay(textReply([`part ${i}`], 'pause_turn')));
      const client = new FakeClient(scripts);
      const end = await runTurn(request(client));
      assert.equal(end.kind, 'pause-cap');
      assert.equal(client.requests.length, MAX_PAUSE_CONTINUATIONS + 1);
    });
  });

  describe('failures, retries and stopping', () => {
    it('ends in error with what arrived; the sink is finished once', async () => {
      const client = new FakeClient([replay(textReply(['Hello there']), { failAfter: 3 })]);
      const turn = request(client);
      const end = await runTurn(turn);
      assert.equal(end.kind, 'error');
      assert.equal(end.kind === 'error' && textOf(end.partial?.content), 'Hello there');
      assert.deepEqual(turn.transcript.finished, ['error']);
    });

    it('ends in error when the request cannot be built, without a request, and still finishes the reply', async () => {
      const client = new FakeClient([replay(textReply(['never']))]);
      const turn = request(client, {
        buildRequest: () => {
          throw new Error('no model');
        },
      });
      const end = await runTurn(turn);
      assert.equal(end.kind, 'error');
      assert.equal(client.requests.length, 0);
      assert.deepEqual(turn.transcript.finished, ['error']);
    });

    it('ends stopped with the partial reply when the user stops mid-stream', async () => {
      const controller = new AbortController();
      const client = new FakeClient([replay(textReply(['Hi', ' there']), { waitForAbortAfter: 3, onWaiting: () => controller.abort() })]);
      const turn = request(client, { signal: controller.signal });
      const end = await runTurn(turn);
      assert.equal(end.kind, 'stopped');
      assert.equal(end.kind === 'stopped' && textOf(end.partial?.content), 'Hi');
      assert.deepEqual(turn.transcript.finished, ['stopped']);
    });

    it('passes retry notices and the builder\'s warnings to the caller', async () => {
      const error = new ClaudeApiError('Overloaded.', { kind: 'overloaded_error', status: 529, retryable: true });
      const client = new FakeClient([replay(textReply(['ok']), { retries: [{ attempt: 1, delayMs: 200, error }] })]);
      const notices: number[] = [];
      const warnings: string[] = [];
      const turn = request(client, {
        onRetry: (notice) => notices.push(notice.delayMs),
        onWarning: (message) => warnings.push(message),
        buildRequest: (messages) => ({ body: { model: 'm', max_tokens: 1, stream: true, messages }, warnings: ['top_k was dropped'] }),
      });
      await runTurn(turn);
      assert.deepEqual(notices, [200]);
      assert.deepEqual(warnings, ['top_k was dropped']);
      assert.ok(turn.transcript.events > 0, 'every streamed event reaches the sink');
    });
  });
});
