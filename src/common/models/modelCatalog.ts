/**
 * Which models the extension offers and what each can do: the endpoint's `/v1/models` list when it
 * has one (fetched once per endpoint and key), else the built-in table; and each model's
 * capabilities, the endpoint's report laid over the built-in entry or the rules inferred from its id.
 *
 * Pure: the client comes through a port, so the host wires in its client factory and the tests a fake.
 */
import { capabilitiesFor, type ModelCapabilities } from '../anthropic/models';
import type { ModelInfo } from '../anthropic/types';
import { listedModel, modelChoice, type ModelChoice } from './modelChoice';

/** What the catalogue needs of a client: the endpoint's models list (throws when there is none). */
export interface ModelLister {
  listModels(signal?: AbortSignal): Promise<ModelInfo[]>;
}

/** What the catalogue is given. */
export interface ModelCatalogPorts {
  /** A client for the current endpoint and key, or undefined when none can be made (no key yet). */
  lister(): Promise<ModelLister | undefined>;
  log: { info(message: string): void };
}

/** A model's capabilities, with what the endpoint reported about it (if it listed it) on top. */
export function modelCapabilities(model: string, fetched: readonly ModelInfo[] | undefined): ModelCapabilities {
  return capabilitiesFor(model, listedModel(fetched, model));
}

/** The endpoint's models, fetched at most once per endpoint and key; see the file comment. */
export class ModelCatalog {
  private fetched: ModelInfo[] | undefined;
  private loading: Promise<void> | undefined;
  // Bumped by invalidate(), so a list that arrives for the previous endpoint or key is dropped.
  private generation = 0;

  constructor(private readonly ports: ModelCatalogPorts) {}

  /** Forget what was fetched (the base URL or key changed). */
  invalidate(): void {
    this.fetched = undefined;
    this.loading = undefined;
    this.generation++;
  }

  /** Fetches the endpoint's list unless it is known; concurrent calls share one request; never throws. */
  async load(signal?: AbortSignal): Promise<void> {
    if (this.fetched) return;
    this.loading ??= this.fetch(signal);
    await this.loading;
  }

  /** The one model list (the picker's and Select Model's) with `current` chosen; see modelChoice.ts. */
  choice(current: string): ModelChoice {
    return modelChoice(current, this.fetched);
  }

  capabilities(model: string): ModelCapabilities {
    return modelCapabilities(model, this.fetched);
  }

  private async fetch(signal: AbortSignal | undefined): Promise<void> {
    const generation = this.generation;
    try {
      const lister = await this.ports.lister();
      if (!lister) return;
      const models = await lister.listModels(signal);
      if (generation === this.generation && models.length > 0) this.fetched = models;
    } catch (error) {
      this.ports.log.info(`The endpoint's model list is not available (${error instanceof Error ? error.message : String(error)}); using the built-in list.`);
    } finally {
      // Without a key, or after a failure, the next load asks again.
      if (generation === this.generation) this.loading = undefined;
    }
  }
}
