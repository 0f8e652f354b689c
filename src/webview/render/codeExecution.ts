/**
 * The code execution server tool in the chat. The call (a `server_tool_use` named `code_execution`,
 * `bash_code_execution` or `text_editor_code_execution`) shows the command, the code or the file
 * edit; the results (`code_execution_tool_result`, `bash_code_execution_tool_result`,
 * `text_editor_code_execution_tool_result`) show stdout, stderr, the exit code, the files the
 * sandbox wrote (by their Files API id) and error codes.
 *
 * Whatever the sandbox printed is untrusted: it goes into text nodes only (`h`), never into HTML.
 */
import type { ContentBlock } from '../../common/protocol';
import { isRecord } from '../../common/guards';
import { h } from '../dom';
import type { RenderContext } from './context';
import { errorCode, StaticBlockView, str } from './staticBlock';

function title(doc: Document, ...parts: Array<string | Node>): HTMLElement {
  return h(doc, 'div', { class: 'block-title' }, ...parts);
}

/** A piece of code or output in a scrolling box; `field` names it for tests and styles. */
function pre(doc: Document, text: string, field: string, language = ''): HTMLElement {
  const code = h(doc, 'code', { class: language ? `language-${language}` : '' }, text);
  return h(doc, 'pre', { class: `exec-${field}`, 'data-field': field }, code);
}

function labelled(doc: Document, label: string, text: string, field: string): HTMLElement {
  return h(doc, 'div', { class: 'exec-part' }, h(doc, 'div', { class: 'exec-label' }, label), pre(doc, text, field));
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * The title and body of a code execution call, or undefined when `name` is not one. The input is
 * `{}` until the call has streamed whole, so each title also reads right without it.
 */
export function codeExecutionCall(doc: Document, name: string, input: Record<string, unknown>): HTMLElement[] | undefined {
  switch (name) {
    case 'bash_code_execution': {
      const command = str(input['command']);
      return [title(doc, command ? 'Running a command' : 'Running a command…'), command !== '' && pre(doc, command, 'command', 'bash')].filter(present);
    }
    case 'code_execution': {
      const code = str(input['code']);
      return [title(doc, code ? 'Running code' : 'Running code…'), code !== '' && pre(doc, code, 'code', 'python')].filter(present);
    }
    case 'text_editor_code_execution':
      return textEditorCall(doc, input);
    default:
      return undefined;
  }
}

/** For `[a, condition && b].filter(present)`: the parts that are there. */
function present<T>(value: T | false): value is T {
  return value !== false;
}

const EDITOR_VERBS: Record<string, string> = { view: 'Viewing ', create: 'Creating ', str_replace: 'Editing ' };

/** A file command in the sandbox: which file, and the text it writes or replaces. */
function textEditorCall(doc: Document, input: Record<string, unknown>): HTMLElement[] {
  const command = str(input['command']);
  const path = str(input['path']);
  if (!command) return [title(doc, 'Using a file in the sandbox…')];
  const verb = EDITOR_VERBS[command] ?? `${command} `;
  const out = [title(doc, verb, h(doc, 'code', { class: 'exec-path', 'data-field': 'path' }, path))];
  if (command === 'create') out.push(pre(doc, str(input['file_text']), 'file-text'));
  if (command === 'str_replace') {
    out.push(labelled(doc, 'Replace', str(input['old_str']), 'old-str'), labelled(doc, 'With', str(input['new_str']), 'new-str'));
  }
  return out;
}

/** The three code execution result blocks, drawn whole when they arrive (they never stream). */
export class CodeExecutionResultView extends StaticBlockView {
  constructor(ctx: RenderContext, type: string, block: ContentBlock) {
    super(ctx, type, block);
  }

  protected draw(doc: Document): void {
    const content = this.block['content'];
    const kind = isRecord(content) ? str(content['type']) : '';
    if (!isRecord(content) || kind.endsWith('_tool_result_error')) {
      this.el.append(...failure(doc, this.type, content));
      return;
    }
    switch (kind) {
      case 'code_execution_result':
      case 'bash_code_execution_result':
      case 'encrypted_code_execution_result':
        this.el.append(...run(doc, content));
        return;
      case 'text_editor_code_execution_view_result':
        this.el.append(...viewedFile(doc, content));
        return;
      case 'text_editor_code_execution_create_result':
        this.el.append(title(doc, content['is_file_update'] === true ? 'File overwritten' : 'File created'));
        return;
      case 'text_editor_code_execution_str_replace_result':
        this.el.append(...replaced(doc, content));
        return;
      default:
        this.el.classList.add('block-note');
        this.el.append(h(doc, 'span', {}, `A “${kind}” result (not shown here; kept and sent back unchanged).`));
    }
  }
}

function failure(doc: Document, type: string, content: unknown): HTMLElement[] {
  const code = errorCode(content) ?? 'unknown error';
  const what = type.startsWith('text_editor') ? 'The file command failed' : 'Code execution failed';
  const message = isRecord(content) ? str(content['error_message']) : '';
  return [
    h(doc, 'div', { class: 'block-title error-text', 'data-field': 'error', 'data-error-code': code }, `${what}: ${code}`),
    message !== '' && h(doc, 'div', { class: 'exec-error-message' }, message),
  ].filter(present);
}

/** A finished run: exit code, stdout (or a note that it is encrypted), stderr, files written. */
function run(doc: Document, content: Record<string, unknown>): HTMLElement[] {
  const code = numberOr(content['return_code']);
  const ok = code === 0;
  const status = code === undefined ? 'Finished' : ok ? 'Finished (exit code 0)' : `Failed (exit code ${code})`;
  const out: HTMLElement[] = [h(doc, 'div', { class: `block-title exec-status${ok ? '' : ' error-text'}`, 'data-field': 'return-code', 'data-return-code': code }, status)];
  if (content['type'] === 'encrypted_code_execution_result') {
    out.push(h(doc, 'div', { class: 'block-note', 'data-field': 'stdout-encrypted' }, 'The output is encrypted: only Claude reads it.'));
  } else {
    const stdout = str(content['stdout']);
    out.push(stdout !== '' ? labelled(doc, 'Output', stdout, 'stdout') : h(doc, 'div', { class: 'block-note' }, 'No output.'));
  }
  const stderr = str(content['stderr']);
  if (stderr !== '') out.push(labelled(doc, 'Errors (stderr)', stderr, 'stderr'));
  const files = fileIds(content['content']);
  if (files.length > 0) {
    const list = h(doc, 'ul', { class: 'exec-files' }, ...files.map((id) => h(doc, 'li', {}, h(doc, 'code', { 'data-field': 'file-id' }, id))));
    out.push(h(doc, 'div', { class: 'exec-part' }, h(doc, 'div', { class: 'exec-label' }, 'Files written (Files API ids)'), list));
  }
  return out;
}

function fileIds(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((file) => str(file['file_id'])).filter((id) => id !== '');
}

function viewedFile(doc: Document, content: Record<string, unknown>): HTMLElement[] {
  const fileType = str(content['file_type']) || 'text';
  if (fileType !== 'text') return [title(doc, `Viewed a file (${fileType})`)];
  const start = numberOr(content['start_line']);
  const lines = numberOr(content['num_lines']);
  const total = numberOr(content['total_lines']);
  const range = start !== undefined && lines !== undefined ? ` lines ${start}–${start + Math.max(lines, 1) - 1}` : '';
  const of = total !== undefined ? ` of ${total}` : '';
  return [title(doc, `Viewed a file${range}${of}`), pre(doc, str(content['content']), 'file-content')];
}

function replaced(doc: Document, content: Record<string, unknown>): HTMLElement[] {
  const numbers = ['old_start', 'old_lines', 'new_start', 'new_lines'].map((key) => numberOr(content[key]));
  const [oldStart, oldLines, newStart, newLines] = numbers;
  const hunk = numbers.every((n) => n !== undefined) ? ` (@@ -${oldStart},${oldLines} +${newStart},${newLines} @@)` : '';
  const lines = Array.isArray(content['lines']) ? content['lines'].filter((line): line is string => typeof line === 'string') : [];
  return [title(doc, `File edited${hunk}`), lines.length > 0 && pre(doc, lines.join('\n'), 'diff', 'diff')].filter(present);
}
