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

/**
 * A reply that used code execution (`code_execution_20250825`): a Bash run that wrote a file, a
 * file created, viewed and edited through the sandbox's text editor, and a failed run.
 */
export function codeExecutionResponse(): ContentBlock[] {
  return [
    { type: 'server_tool_use', id: 'srvtoolu_b1', name: 'bash_code_execution', input: { command: 'python3 plot.py && ls' } },
    {
      type: 'bash_code_execution_tool_result',
      tool_use_id: 'srvtoolu_b1',
      content: {
        type: 'bash_code_execution_result',
        stdout: 'plot.png\nplot.py\n',
        stderr: 'warning: <font> cache rebuilt',
        return_code: 0,
        content: [{ type: 'bash_code_execution_output', file_id: 'file_011abc' }],
      },
    },
    { type: 'server_tool_use', id: 'srvtoolu_t1', name: 'text_editor_code_execution', input: { command: 'create', path: '/tmp/notes.md', file_text: '# Notes\n' } },
    { type: 'text_editor_code_execution_tool_result', tool_use_id: 'srvtoolu_t1', content: { type: 'text_editor_code_execution_create_result', is_file_update: false } },
    { type: 'server_tool_use', id: 'srvtoolu_t2', name: 'text_editor_code_execution', input: { command: 'str_replace', path: '/tmp/notes.md', old_str: 'Notes', new_str: 'Results' } },
    {
      type: 'text_editor_code_execution_tool_result',
      tool_use_id: 'srvtoolu_t2',
      content: { type: 'text_editor_code_execution_str_replace_result', lines: ['-# Notes', '+# Results'], old_start: 1, old_lines: 1, new_start: 1, new_lines: 1 },
    },
    { type: 'server_tool_use', id: 'srvtoolu_t3', name: 'text_editor_code_execution', input: { command: 'view', path: '/tmp/notes.md' } },
    {
      type: 'text_editor_code_execution_tool_result',
      tool_use_id: 'srvtoolu_t3',
      content: { type: 'text_editor_code_execution_view_result', file_type: 'text', content: '# Results\n', start_line: 1, num_lines: 1, total_lines: 1 },
    },
    { type: 'server_tool_use', id: 'srvtoolu_b2', name: 'bash_code_execution', input: { command: 'sleep 999' } },
    { type: 'bash_code_execution_tool_result', tool_use_id: 'srvtoolu_b2', content: { type: 'bash_code_execution_tool_result_error', error_code: 'execution_time_exceeded' } },
    { type: 'text', text: 'The plot is in file_011abc.' },
  ];
}
