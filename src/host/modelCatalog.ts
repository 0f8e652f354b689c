import { ModelCatalog as CatalogOverPorts } from '../common/models/modelCatalog';
import type { ClientFactory } from './clientFactory';
import type { Log } from './log';

/**
 * The model catalogue (`src/common/models`) wired to the client factory: a client for the current
 * settings and key, or none while no key is set.
 */
export class ModelCatalog extends CatalogOverPorts {
  constructor(clients: ClientFactory, log: Log) {
    super({
      lister: async () => {
        const client = await clients.create();
        return 'listModels' in client ? client : undefined;
      },
      log,
    });
  }
}
