/**
 * One view per content block of an assistant turn, each an element with `data-block-type` set to
 * the API's block type. Text (textRun.ts) and thinking stream through StreamingMarkdownView; the other blocks
 * are small and are simply redrawn when the host sends a new version of them.
 */
import type { ContentBlock } from '../../common/protocol';
import { h } from '../dom';
import { codeExecutionCall, CodeExecutionResultView } from './codeExecution';
import type { RenderContext } from './context';
import { webLink } from './links';
import type { BlockView } from './staticBlock';
import { errorCode, jsonDetails, StaticBlockView, str } from './staticBlock';
import { ThinkingBlockView } from './thinking';
import { isRecord } from '../../common/guards';

export type { BlockView } from './staticBlock';

class RedactedThinkingView extends StaticBlockView {
  protected draw(doc: Document): void {
    this.el.classList.add('block-note');
    this.el.append(h(doc, 'span', {}, 'Part of the reasoning was redacted by the safety system; it is kept encrypted and sent back as it came.'));
  }
}

class ToolUseView extends StaticBlockView {
  constructor(ctx: RenderContext, private readonly key: string, block: ContentBlock) {
    super(ctx, 'tool_use', block);
  }

  protected draw(doc: Document): void {
    this.el.append(
      h(doc, 'div', { class: 'block-title' }, 'Tool call ', h(doc, 'code', { class: 'tool-name' }, str(this.block['name']))),
      jsonDetails(this.ctx, this.key, 'Input', this.block['input']),
    );
  }
}

class ServerToolUseView extends StaticBlockView {
  constructor(ctx: RenderContext, private readonly key: string, block: ContentBlock) {
    super(ctx, 'server_tool_use', block);
  }

  protected draw(doc: Document): void {
    const name = str(this.block['name']);
    const input = isRecord(this.block['input']) ? this.block['input'] : {};
    if (name === 'web_search') {
      const query = str(input['query']);
      this.el.append(h(doc, 'div', { class: 'block-title' }, 'Searching the web', query ? ': ' : '…', query && h(doc, 'q', { class: 'search-query' }, query)));
    } else if (name === 'web_fetch') {
      const url = str(input['url']);
      this.el.append(h(doc, 'div', { class: 'block-title' }, 'Fetching ', url ? webLink(doc, url, url) : '…'));
    } else if (!this.appendCodeExecutionCall(doc, name, input)) {
      this.el.append(
        h(doc, 'div', { class: 'block-title' }, 'Server tool ', h(doc, 'code', { class: 'tool-name' }, name)),
        jsonDetails(this.ctx, this.key, 'Input', this.block['input']),
      );
    }
  }

  /** The command or code of a code execution call; false when the call is not one (or not readable). */
  private appendCodeExecutionCall(doc: Document, name: string, input: Record<string, unknown>): boolean {
    const parts = codeExecutionCall(doc, name, input);
    if (!parts) return false;
    this.el.append(...parts);
    return true;
  }
}

class WebSearchResultView extends StaticBlockView {
  protected draw(doc: Document): void {
    const content = this.block['content'];
    const code = errorCode(content);
    if (code !== undefined || !Array.isArray(content)) {
      this.el.append(h(doc, 'div', { class: 'block-title error-text' }, `Web search failed: ${code ?? 'unknown error'}`));
      return;
    }
    const list = h(doc, 'ol', { class: 'search-results' });
    for (const result of content) {
      if (!isRecord(result)) continue;
      const url = str(result['url']);
      const age = str(result['page_age']);
      list.append(h(doc, 'li', {}, webLink(doc, url, str(result['title']) || url, url), age && h(doc, 'span', { class: 'page-age' }, ` · ${age}`)));
    }
    this.el.append(h(doc, 'div', { class: 'block-title' }, `Search results (${list.childElementCount})`), list);
  }
}

class WebFetchResultView extends StaticBlockView {
  protected draw(doc: Document): void {
    const content = this.block['content'];
    const code = errorCode(content);
    if (code !== undefined || !isRecord(content)) {
      this.el.append(h(doc, 'div', { class: 'block-title error-text' }, `Web fetch failed: ${code ?? 'unknown error'}`));
      return;
    }
    const url = str(content['url']);
    const documentBlock = content['content'];
    const title = isRecord(documentBlock) ? str(documentBlock['title']) : '';
    const retrieved = str(content['retrieved_at']);
    this.el.append(
      h(doc, 'div', { class: 'block-title' }, 'Fetched ', webLink(doc, url, title || url, url)),
    );
    if (title && url) this.el.append(h(doc, 'div', { class: 'fetch-url' }, url));
    if (retrieved) this.el.append(h(doc, 'div', { class: 'fetch-time' }, `retrieved ${retrieved}`));
  }
}

class UnknownBlockView extends StaticBlockView {
  protected draw(doc: Document): void {
    this.el.classList.add('block-note');
    this.el.append(h(doc, 'span', {}, `A “${this.type}” block (not shown here; kept and sent back unchanged).`));
  }
}

/**
 * The view for an assistant block other than text (text blocks join runs: textRun.ts); `key`
 * identifies it for remembered fold state.
 */
export function createBlockView(ctx: RenderContext, key: string, block: ContentBlock): BlockView {
  switch (block.type) {
    case 'thinking':
      return new ThinkingBlockView(ctx, key, block);
    case 'redacted_thinking':
      return new RedactedThinkingView(ctx, 'redacted_thinking', block);
    case 'tool_use':
      return new ToolUseView(ctx, key, block);
    case 'server_tool_use':
      return new ServerToolUseView(ctx, key, block);
    case 'web_search_tool_result':
      return new WebSearchResultView(ctx, 'web_search_tool_result', block);
    case 'web_fetch_tool_result':
      return new WebFetchResultView(ctx, 'web_fetch_tool_result', block);
    case 'code_execution_tool_result':
    case 'bash_code_execution_tool_result':
    case 'text_editor_code_execution_tool_result':
      return new CodeExecutionResultView(ctx, block.type, block);
    default:
      return new UnknownBlockView(ctx, block.type, block);
  }
}
