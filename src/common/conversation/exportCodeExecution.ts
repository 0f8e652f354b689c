/**
 * Code execution in the Markdown export: a call as the command, code or file edit it ran, a result
 * as its exit code, output, errors and written files, the way a reader would want them, rather
 * than the raw JSON the export uses for blocks it knows nothing about.
 */
import type { ContentBlock } from '../anthropic/types';
import { isRecord } from '../guards';
import { fenced, inlineCode, json } from './markdownFence';

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Output and files usually end in a newline; inside a fence it would only add a blank line. */
function body(value: unknown): string {
  return str(value).replace(/\r?\n$/, '');
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A `server_tool_use` of code execution in Markdown; undefined for other server tools. */
export function codeExecutionCallMarkdown(block: ContentBlock): string[] | undefined {
  const input = isRecord(block['input']) ? block['input'] : {};
  const id = `(${inlineCode(str(block['id']))})`;
  switch (block['name']) {
    case 'bash_code_execution':
      return [`**Ran a command** ${id}`, '', ...fenced(str(input['command']), 'bash')];
    case 'code_execution':
      return [`**Ran code** ${id}`, '', ...fenced(str(input['code']), 'python')];
    case 'text_editor_code_execution':
      return textEditorCall(input, id);
    default:
      return undefined;
  }
}

function textEditorCall(input: Record<string, unknown>, id: string): string[] {
  const path = inlineCode(str(input['path']));
  switch (input['command']) {
    case 'create':
      return [`**Created** ${path} in the sandbox ${id}`, '', ...fenced(body(input['file_text']), '')];
    case 'str_replace':
      return [`**Edited** ${path} in the sandbox ${id}: replaced`, '', ...fenced(str(input['old_str']), ''), '', 'with', '', ...fenced(str(input['new_str']), '')];
    case 'view':
      return [`**Viewed** ${path} in the sandbox ${id}`];
    default:
      return [`**Sandbox file command** ${id}`, '', ...fenced(json(input), 'json')];
  }
}

/** A code execution result block in Markdown. */
export function codeExecutionResultMarkdown(block: ContentBlock): string[] {
  const content = block['content'];
  const kind = isRecord(content) ? str(content['type']) : '';
  if (!isRecord(content) || kind.endsWith('_tool_result_error')) return failure(block.type, content);
  switch (kind) {
    case 'code_execution_result':
    case 'bash_code_execution_result':
    case 'encrypted_code_execution_result':
      return run(content);
    case 'text_editor_code_execution_create_result':
      return [content['is_file_update'] === true ? '_File overwritten._' : '_File created._'];
    case 'text_editor_code_execution_str_replace_result':
      return replaced(content);
    case 'text_editor_code_execution_view_result':
      return viewed(content);
    default:
      return [`**${block.type}**`, '', ...fenced(json(block), 'json')];
  }
}

function failure(type: string, content: unknown): string[] {
  const code = isRecord(content) ? str(content['error_code']) : '';
  const message = isRecord(content) ? str(content['error_message']) : '';
  const what = type.startsWith('text_editor') ? 'The file command failed' : 'Code execution failed';
  return [`**${what}:** ${inlineCode(code || 'unknown error')}${message ? ` — ${inlineCode(message)}` : ''}`];
}

function run(content: Record<string, unknown>): string[] {
  const code = num(content['return_code']);
  const out = [`**Result:** ${code === undefined ? 'finished' : `exit code ${code}`}`];
  if (content['type'] === 'encrypted_code_execution_result') {
    out.push('', '_(Output encrypted.)_');
  } else if (str(content['stdout']) !== '') {
    out.push('', 'Output:', '', ...fenced(body(content['stdout']), 'text'));
  }
  if (str(content['stderr']) !== '') out.push('', 'Errors (stderr):', '', ...fenced(body(content['stderr']), 'text'));
  const files = Array.isArray(content['content']) ? content['content'].filter(isRecord).map((f) => str(f['file_id'])).filter((f) => f !== '') : [];
  if (files.length > 0) out.push('', `Files written: ${files.map(inlineCode).join(', ')}`);
  return out;
}

function replaced(content: Record<string, unknown>): string[] {
  const lines = Array.isArray(content['lines']) ? content['lines'].filter((l): l is string => typeof l === 'string') : [];
  return ['_File edited._', ...(lines.length > 0 ? ['', ...fenced(lines.join('\n'), 'diff')] : [])];
}

function viewed(content: Record<string, unknown>): string[] {
  const fileType = str(content['file_type']) || 'text';
  if (fileType !== 'text') return [`_Viewed a ${fileType} file._`];
  const total = num(content['total_lines']);
  const lines = total === undefined ? '' : ` (${total} ${total === 1 ? 'line' : 'lines'})`;
  return [`_File content${lines}:_`, '', ...fenced(body(content['content']), '')];
}
