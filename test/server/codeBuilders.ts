/**
 * Builders for replies that use the code execution server tool (`code_execution_20250825` and
 * later): a bash run in the sandbox and the container it ran in, streamed as the real API streams them.
 */
import { randomBytes } from 'node:crypto';
import type { Container } from '../../src/common/anthropic/types';
import { eventsReply, fakeId, messageStart, textBlockEvents, toolBlockEvents } from './builders';
import type { ReplyOptions } from './builders';
import type { EventsReply } from './types';

/** How long a new container lives in these replies (the API names the expiry in every reply). */
const CONTAINER_LIFETIME_MS = 60 * 60 * 1000;

/** A container id in the API's style (`container_…`). */
export function fakeContainerId(): string {
  return `container_test_${randomBytes(9).toString('hex')}`;
}

/** What a bash run printed and how it exited. */
export interface BashRun {
  command: string;
  stdout: string;
  stderr?: string;
  returnCode?: number;
}

/**
 * A bash run in the sandbox: server_tool_use (`bash_code_execution`, the command as
 * input_json_delta) + bash_code_execution_tool_result + a text block, and the container in
 * `message_delta` (`container`: reuse it by sending its id with the next request). The container
 * is `options.container`, or a new one that expires an hour after `now` (default `Date.now()`).
 */
export function codeExecutionReply(run: BashRun, text: string, options: ReplyOptions & { container?: Container; now?: number } = {}): EventsReply {
  const id = fakeId('srvtoolu');
  const container = options.container ?? {
    id: fakeContainerId(),
    expires_at: new Date((options.now ?? Date.now()) + CONTAINER_LIFETIME_MS).toISOString(),
  };
  return eventsReply([
    messageStart(options.usage),
    ...toolBlockEvents(0, { type: 'server_tool_use', id, name: 'bash_code_execution' }, { command: run.command }),
    {
      type: 'content_block_start', index: 1, content_block: {
        type: 'bash_code_execution_tool_result', tool_use_id: id,
        content: { type: 'bash_code_execution_result', stdout: run.stdout, stderr: run.stderr ?? '', return_code: run.returnCode ?? 0, content: [] },
      },
    },
    { type: 'content_block_stop', index: 1 },
    ...textBlockEvents(2, text),
    // The container rides on message_delta, next to the stop reason.
    { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null, container }, usage: options.usage ?? {} },
    { type: 'message_stop' },
  ], options);
}
