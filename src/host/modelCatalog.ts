import { BUILT_IN_MODELS, capabilitiesFor, type ModelCapabilities } from '../common/anthropic/models';
import type { ModelInfo } from '../common/anthropic/types';
import type { ModelOption } from '../common/protocol';
import type { ClientFactory } from './clientFactory';
import type { Log } from './log';

/**
 * The models the endpoint offers (from /v1/models, fetched once per endpoint and key), falling back
 * to the built-in list; and each model's capabilities, from the endpoint when it describes them.
 */
export class ModelCatalog {
  private fetched: ModelInfo[] | undefined;
  private loading: Promise<void> | undefined;

  constructor(private readonly clients: ClientFactory, private readonly log: Log) {}

  /** Forget what was fetched (the base URL or key changed). */
  invalidate(): void {
    this.fetched = undefined;
    this.loading = undefined;
  }

  /** Fetches the endpoint's list; on failure the built-in list is used. */
  async load(signal?: AbortSignal): Promise<void> {
    if (this.fetched) return;
    this.loading ??= (async () => {
      const client = await this.clients.create();
      if (!('listModels' in client)) return;
      try {
        const models = await client.listModels(signal);
        if (models.length > 0) this.fetched = models;
      } catch (error) {
        this.log.info(`The endpoint's model list is not available (${error instanceof Error ? error.message : String(error)}); using the built-in list.`);
      } finally {
        this.loading = undefined;
      }
    })();
    await this.loading;
  }

  options(): ModelOption[] {
    if (this.fetched) return this.fetched.map((m) => ({ id: m.id, label: m.display_name || m.id }));
    return BUILT_IN_MODELS.map((m) => ({ id: m.id, label: m.displayName }));
  }

  capabilities(model: string): ModelCapabilities {
    return capabilitiesFor(model, this.fetched?.find((m) => m.id === model));
  }
}
