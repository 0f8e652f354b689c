/**
 * What every flow runs on: the strict test server on 127.0.0.1, and for one model the extension's
 * real pieces wired as the host wires them (src/host/chatController.ts, clientFactory.ts): the
 * settings parsed from raw `claudeMessages.*` values by `parseSettings` (so a flow gets the defaults
 * a user has, plus what it turns on), the model's capabilities from the model catalogue (the
 * endpoint's list over `capabilitiesFor`'s built-in table), requests from
 * `buildMessagesRequest`, the `MessagesClient`, and a `ChatSession` with a real store (the chat
 * harness of test/unit/chat/fakes.ts, given the real client and builder).
 */
import * as assert from 'node:assert/strict';
import { MessagesClient } from '../../../src/common/anthropic/client';
import type { ModelCapabilities } from '../../../src/common/anthropic/models';
import { buildMessagesRequest } from '../../../src/common/anthropic/request';
import { chooseEffort, chooseThinking } from '../../../src/common/anthropic/requestThinking';
import type { RequestBuilder } from '../../../src/common/chat/ports';
import type { ToolPort } from '../../../src/common/chat/turnEngine';
import { ModelCatalog } from '../../../src/common/models/modelCatalog';
import { parseSettings, type ConnectionSettings, type ExtensionSettings } from '../../../src/common/settings/parseSettings';
import type { HostToWebview } from '../../../src/common/protocol';
import type { EventsReply, TestServer } from '../../server/server';
import { textReply, thinkingReply } from '../../server/server';
import { harness, removeDir, type Harness } from '../chat/fakes';

/** Raw `claudeMessages.*` values, names without the prefix, as a user's settings.json has them. */
export type RawSettings = Record<string, unknown>;

export interface ChatOptions {
  settings?: RawSettings;
  tools?: ToolPort;
  onPost?: (message: HostToWebview) => void;
}

/** One model's view of the flows' world. */
export interface FlowWorld {
  server: TestServer;
  model: string;
  capabilities: ModelCapabilities;
  /** The settings for this model: the defaults, with `raw` on top. */
  settings(raw?: RawSettings): ExtensionSettings;
  /** A Messages client for the test server under these settings (as the host's ClientFactory makes one). */
  client(raw?: RawSettings): MessagesClient;
  /** The request builder the chat uses under these settings (as ChatController.buildRequest). */
  requestBuilder(raw?: RawSettings): RequestBuilder;
  /** Whether a request under these settings makes the model think (a field sent, or its default). */
  thinks(raw?: RawSettings): boolean;
  /** A reply as the model gives it under these settings: signed thinking first when it thinks. */
  answer(raw: RawSettings, thinking: string, text: string): EventsReply;
  /** A chat session wired like the host's, on this model; removed after the flow. */
  chat(options?: ChatOptions): Promise<Harness>;
  /** Removes what the flow left on disk. */
  cleanUp(): Promise<void>;
}

/** A Messages client for the test server under these connection settings (the API version, betas, retries). */
function serverClient(server: TestServer, connection: ConnectionSettings): MessagesClient {
  return new MessagesClient({ ...connection, baseUrl: server.url, apiKey: server.config.apiKey ?? 'test-key' });
}

/**
 * The model's capabilities as the host gets them: the model catalogue's (src/host/modelCatalog.ts),
 * i.e. the endpoint's `GET /v1/models` report over the built-in table. Fails when the list could
 * not be fetched, since the flows would then quietly run on the built-in table alone.
 */
export async function endpointCapabilities(server: TestServer, model: string): Promise<ModelCapabilities> {
  const failures: string[] = [];
  const { connection } = parseSettings({ get: () => undefined });
  const catalog = new ModelCatalog({
    lister: () => Promise.resolve(serverClient(server, connection)),
    log: { info: (message) => failures.push(message) },
  });
  await catalog.load();
  const capabilities = catalog.capabilities(model);
  assert.equal(capabilities.source, 'api', `the endpoint's list was not used: ${failures.join('; ')}`);
  return capabilities;
}

export function flowWorld(server: TestServer, model: string, capabilities: ModelCapabilities): FlowWorld {
  const dirs: string[] = [];
  const settings = (raw: RawSettings = {}): ExtensionSettings => parseSettings({ get: (name) => ({ model, ...raw })[name] });
  const requestBuilder = (raw: RawSettings = {}): RequestBuilder => {
    const { request } = settings(raw);
    return (messages, tools, carried) => buildMessagesRequest({ settings: request, capabilities, messages, tools, container: carried?.container });
  };
  const thinks = (raw: RawSettings = {}): boolean => {
    // The builder's own decision (effort first, as it decides), so the replies match the request.
    const part = { settings: settings(raw).request, capabilities, warnings: [] };
    return chooseThinking(part, { maxTokens: part.settings.maxTokens, effort: chooseEffort(part) }).active;
  };
  const world: FlowWorld = {
    server,
    model,
    capabilities,
    settings,
    client: (raw) => serverClient(server, settings(raw).connection),
    requestBuilder,
    thinks,
    answer: (raw, thinking, text) => (thinks(raw) ? thinkingReply(thinking, text) : textReply(text)),
    chat: async (options = {}) => {
      const raw = options.settings ?? {};
      const { request, maxToolRounds } = settings(raw);
      const h = await harness({
        model,
        createClient: () => Promise.resolve(world.client(raw)),
        buildRequest: requestBuilder(raw),
        cacheTtl: request.cacheTtl === 'off' ? undefined : request.cacheTtl,
        // As the host's backend: Continue sends a prefill only where the model takes one.
        acceptsPrefill: capabilities.prefill,
        maxToolRounds,
        ...(options.tools ? { tools: options.tools } : {}),
        ...(options.onPost ? { onPost: options.onPost } : {}),
      });
      dirs.push(h.dir);
      return h;
    },
    cleanUp: async () => {
      await Promise.all(dirs.splice(0).map(removeDir));
    },
  };
  return world;
}

/** One thing a user does, run on one model; it asserts its own outcome. */
export interface Flow {
  /** A short stable name, for the model table's list of flows a model cannot run. */
  id: string;
  /** What the user does, as the test title says it. */
  name: string;
  /** How many requests it makes (messages, count_tokens…): each is checked by the strict server. */
  requests: number;
  run(world: FlowWorld): Promise<void>;
}
