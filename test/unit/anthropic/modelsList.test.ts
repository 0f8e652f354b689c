import assert from 'node:assert/strict';
import { normalizeModelsPage } from '../../../src/common/anthropic/modelsList';

const ids = (json: unknown): string[] => normalizeModelsPage(json).models.map((m) => m.id);

describe('anthropic/modelsList normalizeModelsPage', () => {
  it("keeps every entry of Anthropic's own page, with its cursor (reference §5)", () => {
    const page = normalizeModelsPage({
      data: [
        { type: 'model', id: 'claude-opus-5-5', display_name: 'Claude Opus 5.5', created_at: '2026-09-22T00:00:00Z', max_input_tokens: 1_000_000, max_tokens: 128_000 },
        { type: 'model', id: 'claude-sonnet-5-5', display_name: 'Claude Sonnet 5.5', created_at: '2026-09-28T00:00:00Z' },
      ],
      has_more: true,
      first_id: 'claude-opus-5-5',
      last_id: 'claude-sonnet-5-5',
    });
    assert.deepStrictEqual(page.models.map((m) => [m.id, m.display_name]), [['claude-opus-5-5', 'Claude Opus 5.5'], ['claude-sonnet-5-5', 'Claude Sonnet 5.5']]);
    assert.deepStrictEqual([page.hasMore, page.lastId], [true, 'claude-sonnet-5-5']);
  });

  it("keeps only Claude models from a gateway's OpenAI-style list", () => {
    // What an OpenAI-compatible /v1/models of a multi-vendor gateway answers.
    const body = {
      object: 'list',
      data: [
        { id: 'gpt-5.1', object: 'model', created: 1762905600, owned_by: 'openai' },
        { id: 'claude-sonnet-5-5', object: 'model', created: 1759017600, owned_by: 'anthropic' },
        { id: 'gemini-3-pro-preview', object: 'model', created: 1763337600, owned_by: 'google' },
        { id: 'claude-haiku-4-5-20251001', object: 'model', created: 1759276800, owned_by: 'anthropic' },
        { id: 'deepseek-v3.2', object: 'model', created: 1764547200, owned_by: 'deepseek' },
        { id: 'anthropic/claude-opus-4.1', object: 'model', created: 1754352000, owned_by: 'openrouter' },
      ],
    };
    const page = normalizeModelsPage(body);
    assert.deepStrictEqual(page.models.map((m) => [m.id, m.display_name]), [
      ['claude-sonnet-5-5', 'claude-sonnet-5-5'],
      ['claude-haiku-4-5-20251001', 'claude-haiku-4-5-20251001'],
    ]);
    assert.equal(page.hasMore, false);
  });

  it("keeps only Claude models from CometAPI's multi-provider catalogue (§7)", () => {
    const body = {
      success: true,
      page: 1,
      page_size: 50,
      total: 5,
      data: [
        { id: 'claude-fable-5-2', provider: 'anthropic', model_type: 'chat', features: ['thinking', 'tools', 'vision'], pricing: { currency: 'USD', input: 8, output: 40 }, api_doc_url: 'https://apidoc.cometapi.com/api/text/anthropic-messages' },
        { id: 'gpt-image-1', provider: 'openai', model_type: 'image', features: [], pricing: { currency: 'USD', input: 5, output: 40 }, api_doc_url: 'https://apidoc.cometapi.com/api/image' },
        { id: 'claude-sonnet-5-5', provider: 'anthropic', model_type: 'chat', features: ['thinking', 'tools'], pricing: { currency: 'USD', input: 2, output: 10 }, api_doc_url: 'https://apidoc.cometapi.com/api/text/anthropic-messages' },
        { id: 'suno-v5', provider: 'suno', model_type: 'audio', features: [], pricing: { currency: 'USD', per_request: 0.1 }, api_doc_url: 'https://apidoc.cometapi.com/api/audio' },
        { id: 'qwen3-max', provider: 'alibaba', model_type: 'chat', features: ['tools'], pricing: { currency: 'USD', input: 1.2, output: 6 }, api_doc_url: 'https://apidoc.cometapi.com/api/text/chat' },
      ],
    };
    assert.deepStrictEqual(ids(body), ['claude-fable-5-2', 'claude-sonnet-5-5']);
  });

  it('filters bare arrays and string lists the same way, and a list with no Claude model is empty', () => {
    assert.deepStrictEqual(ids(['gpt-4o', 'claude-opus-5-5', ' claude-sonnet-5 ']), ['claude-opus-5-5', 'claude-sonnet-5']);
    assert.deepStrictEqual(ids({ models: [{ name: 'llama-4' }, { name: 'claude-haiku-5-5' }] }), ['claude-haiku-5-5']);
    assert.deepStrictEqual(ids({ object: 'list', data: [{ id: 'gpt-5.1', object: 'model', owned_by: 'openai' }] }), []);
    assert.deepStrictEqual(ids({ unexpected: true }), []);
  });
});
