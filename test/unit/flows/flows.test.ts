/**
 * Every request the extension can send, through its real code, to the strict test server, on each
 * current model: a flow passes when the server refused nothing, the flow made the requests it
 * should, used every reply scripted for it, and ended as the user expects.
 */
import * as assert from 'node:assert/strict';
import { refusalsError } from '../../server/refusals';
import { startTestServer, type TestServer } from '../../server/server';
import type { ModelCapabilities } from '../../../src/common/anthropic/models';
import { attachmentFlow } from './attachmentFlow';
import { chatFlow, explainFlow, toolFlow } from './chatFlows';
import { connectionFlow } from './connectionFlow';
import { inlineEditFlow } from './inlineEditFlow';
import { continueFlow, earlyStopFlow, retryFlow } from './recoveryFlows';
import { codeExecutionFlow, pauseFlow, webFlow } from './serverToolFlows';
import { forcedToolFlow, SETTINGS_FLOWS } from './settingsFlows';
import { editResendFlow, regenerateFlow } from './versionFlows';
import { endpointCapabilities, flowWorld, type Flow } from './world';

const FLOWS: readonly Flow[] = [
  connectionFlow,
  chatFlow,
  explainFlow('5m'),
  explainFlow('1h'),
  toolFlow,
  attachmentFlow,
  pauseFlow,
  webFlow,
  codeExecutionFlow,
  continueFlow,
  retryFlow,
  earlyStopFlow,
  regenerateFlow,
  editResendFlow,
  inlineEditFlow,
  ...SETTINGS_FLOWS,
  forcedToolFlow,
];

interface ModelRow {
  model: string;
  /** Flows (by id) this model cannot run, each with the reason. */
  impossible?: Readonly<Record<string, string>>;
}

/** The API refuses a forced tool choice on these models; the extension says so before sending (tested in requestToolChoice.test.ts). */
const NO_FORCING = { 'forced-tool-choice': 'the model refuses tool_choice any/tool (reference §1.2)' };

const MODELS: readonly ModelRow[] = [
  { model: 'claude-fable-5-2', impossible: NO_FORCING },
  { model: 'claude-opus-5-5', impossible: NO_FORCING },
  { model: 'claude-sonnet-5-5', impossible: NO_FORCING },
  { model: 'claude-haiku-5-5' },
  // Legacy: the newest generation that still takes a prefill, so Continue sends the cut reply back
  // as the start of the answer; it thinks only when asked (a budget), not by default.
  { model: 'claude-haiku-4-5' },
];

/** Runs the flow; the server's refusals are reported first, since they are why a flow goes wrong. */
async function runFlow(server: TestServer, model: string, capabilities: ModelCapabilities, flow: Flow): Promise<void> {
  server.reset();
  const world = flowWorld(server, model, capabilities);
  let failure: unknown;
  try {
    await flow.run(world);
  } catch (error) {
    failure = error;
  } finally {
    await world.cleanUp();
  }
  const refused = server.takeRefused();
  if (refused.length > 0) throw refusalsError(refused);
  if (failure !== undefined) throw failure;
  assert.equal(server.requests.length, flow.requests, 'requests made');
  assert.equal(server.queued, 0, 'every scripted reply was asked for');
}

describe('flows: every request, through the real code, refused by nothing on the strict server', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ tokenDelayMs: 0 });
  });
  after(async () => {
    await server.close();
  });

  for (const { model, impossible } of MODELS) {
    describe(model, () => {
      let capabilities: ModelCapabilities;
      // Once per model, as the host loads the endpoint's list before the first request.
      before(async () => {
        capabilities = await endpointCapabilities(server, model);
        const refused = server.takeRefused();
        if (refused.length > 0) throw refusalsError(refused);
      });

      for (const flow of FLOWS) {
        // A flow the model cannot run is left out by design; the table says why.
        if (impossible?.[flow.id] !== undefined) continue;
        it(flow.name, () => runFlow(server, model, capabilities, flow));
      }
    });
  }
});
