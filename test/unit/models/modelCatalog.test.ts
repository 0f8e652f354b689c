import assert from 'node:assert/strict';
import { BUILT_IN_MODELS } from '../../../src/common/anthropic/models';
import type { ModelInfo } from '../../../src/common/anthropic/types';
import { ModelCatalog, type ModelLister } from '../../../src/common/models/modelCatalog';

const builtIn = BUILT_IN_MODELS[0]!;
const builtInOptions = BUILT_IN_MODELS.map((m) => ({ id: m.id, label: m.displayName }));

/** A catalogue over a scripted endpoint: each listModels call takes the next reply. */
function catalogWith(replies: Array<ModelInfo[] | Error>, options: { key: boolean } = { key: true }) {
  const logged: string[] = [];
  let calls = 0;
  const lister: ModelLister = {
    listModels: async () => {
      const reply = replies[calls++];
      if (reply instanceof Error) throw reply;
      return reply ?? [];
    },
  };
  const state = { key: options.key };
  const catalog = new ModelCatalog({ lister: async () => (state.key ? lister : undefined), log: { info: (m) => logged.push(m) } });
  return { catalog, logged, state, calls: () => calls };
}

describe('models/modelCatalog', () => {
  it('offers the built-in models until the endpoint has listed its own', async () => {
    const { catalog } = catalogWith([[{ id: 'gateway-model', display_name: 'Gateway Model' }, { id: 'bare', display_name: '' }]]);
    assert.deepEqual(catalog.choice(builtIn.id).options, builtInOptions);
    await catalog.load();
    assert.deepEqual(catalog.choice(builtIn.id).options, [{ id: 'gateway-model', label: 'Gateway Model' }, { id: 'bare', label: 'bare' }]);
  });

  it('lays what the endpoint reports over the built-in capabilities, and infers models it does not know', async () => {
    const { catalog } = catalogWith([[{ id: builtIn.id, display_name: builtIn.displayName, max_tokens: 4096 }]]);
    assert.equal(catalog.capabilities(builtIn.id).maxOutputTokens, builtIn.maxOutputTokens);
    await catalog.load();
    const caps = catalog.capabilities(builtIn.id);
    assert.deepEqual([caps.maxOutputTokens, caps.source, caps.contextWindow], [4096, 'api', builtIn.contextWindow]);
    assert.equal(catalog.capabilities('claude-sonnet-4-5').source, 'built-in');
    assert.equal(catalog.capabilities('someone-elses-model').source, 'inferred');
  });

  it('fetches once, and concurrent loads share the one request', async () => {
    const { catalog, calls } = catalogWith([[{ id: 'a', display_name: 'A' }], [{ id: 'b', display_name: 'B' }]]);
    await Promise.all([catalog.load(), catalog.load()]);
    await catalog.load();
    assert.equal(calls(), 1);
    assert.deepEqual(catalog.choice(builtIn.id).options, [{ id: 'a', label: 'A' }]);
  });

  it('falls back to the built-in list when the endpoint has none (error or empty), and asks again next time', async () => {
    const { catalog, logged, calls } = catalogWith([new Error('404 not found'), [], [{ id: 'late', display_name: 'Late' }]]);
    await catalog.load();
    assert.deepEqual(catalog.choice(builtIn.id).options, builtInOptions);
    assert.match(logged[0] ?? '', /not available \(404 not found\); using the built-in list/);
    await catalog.load();
    assert.deepEqual(catalog.choice(builtIn.id).options, builtInOptions);
    await catalog.load();
    assert.equal(calls(), 3);
    assert.deepEqual(catalog.choice(builtIn.id).options, [{ id: 'late', label: 'Late' }]);
  });

  it('asks nothing without a key, and fetches once a key is set', async () => {
    const { catalog, state, calls } = catalogWith([[{ id: 'a', display_name: 'A' }]], { key: false });
    await catalog.load();
    assert.equal(calls(), 0);
    state.key = true;
    await catalog.load();
    assert.deepEqual(catalog.choice(builtIn.id).options, [{ id: 'a', label: 'A' }]);
  });

  it('forgets the list on invalidate, and drops a list that arrives for the previous endpoint', async () => {
    let release: (models: ModelInfo[]) => void = () => undefined;
    let asked: () => void = () => undefined;
    const listing = new Promise<void>((resolve) => (asked = resolve));
    const slow: ModelLister = {
      listModels: () => {
        asked();
        return new Promise((resolve) => (release = resolve));
      },
    };
    const catalog = new ModelCatalog({ lister: async () => slow, log: { info: () => undefined } });
    const pending = catalog.load();
    await listing;
    catalog.invalidate();
    release([{ id: 'old-endpoint', display_name: 'Old' }]);
    await pending;
    assert.deepEqual(catalog.choice(builtIn.id).options, builtInOptions);
  });
});
