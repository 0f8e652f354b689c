/** Shared test data: an assistant response with every kind of block the API sends back. */
import type { ContentBlock, Usage } from '../../../src/common/anthropic/types';

/** A response as received, including fields this code does not model. */
export function richResponse(): ContentBlock[] {
  return [
    { type: 'thinking', thinking: 'Let me look this up.', signature: 'sig-abc==' },
    { type: 'redacted_thinking', data: 'ENCRYPTED==' },
    { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'vscode webview csp' } },
    {
      type: 'web_search_tool_result',
      tool_use_id: 'srvtoolu_1',
      content: [{ type: 'web_search_result', url: 'https://example.com/csp', title: 'CSP (guide)', encrypted_content: 'EC==', page_age: null }],
    },
    {
      type: 'text',
      text: 'Use a nonce.',
      citations: [
        { type: 'web_search_result_location', url: 'https://example.com/csp', title: 'CSP (guide)', encrypted_index: 'EI==', cited_text: 'a nonce on the script' },
      ],
    },
    { type: 'mystery_block', payload: { nested: [1, 2, { deep: true }] }, extra: 'kept' },
    { type: 'text', text: 'Done.', citations: null, future_field: 42 },
  ];
}

export function usage(overrides: Partial<Usage> = {}): Usage {
  return { input_tokens: 100, output_tokens: 50, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, ...overrides };
}
