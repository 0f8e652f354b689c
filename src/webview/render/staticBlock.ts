/**
 * What every block view is (`BlockView`), and what the small, non-streaming ones share: the base
 * class that redraws a block whole from its latest version, and the helpers they draw with. Apart from blocks.ts so that the views of one
 * family (code execution) can live in a file of their own without importing blocks.ts back.
 */
import type { ContentBlock } from '../../common/protocol';
import { isRecord } from '../../common/guards';
import { h } from '../dom';
import type { RenderContext } from './context';

/** A block's view: buffered updates (`append`, `sync`, `setDone`) drawn by `render`. */
export interface BlockView {
  readonly el: HTMLElement;
  readonly type: string;
  append(field: 'text' | 'thinking', text: string): void;
  sync(block: ContentBlock): void;
  /** The turn stopped streaming (or started again). */
  setDone(done: boolean): void;
  render(): void;
  /** Part of what is buffered is still to be drawn (the draw's time slice ran out): render again. */
  readonly unfinished?: boolean;
}

/** The string, or '' for anything else: block fields arrive from the network unchecked. */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Pretty JSON for tool inputs; inputs are JSON already, but never let a cycle or BigInt throw. */
export function prettyJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The `error_code` of a server tool's error result, if `content` is one. */
export function errorCode(content: unknown): string | undefined {
  return isRecord(content) && typeof content['error_code'] === 'string' ? content['error_code'] : undefined;
}

/** A collapsible JSON input, folded by default (its fold state is remembered per turn). */
export function jsonDetails(ctx: RenderContext, key: string, label: string, value: unknown): HTMLDetailsElement {
  const doc = ctx.doc;
  const summary = h(doc, 'summary', {}, label);
  const details = h(doc, 'details', { class: 'tool-input' }, summary, h(doc, 'pre', {}, h(doc, 'code', { class: 'language-json' }, prettyJson(value))));
  details.open = ctx.ui.isOpen(key) ?? false;
  summary.addEventListener('click', () => ctx.ui.setOpen(key, !details.open));
  return details;
}

/** Blocks drawn whole from their latest version. */
export abstract class StaticBlockView implements BlockView {
  readonly el: HTMLElement;
  protected block: ContentBlock;
  private dirty = true;

  constructor(protected readonly ctx: RenderContext, readonly type: string, block: ContentBlock, tag: 'div' | 'details' = 'div') {
    this.block = block;
    this.el = h(ctx.doc, tag, { class: `block block-${type.replace(/[^a-z0-9_-]/gi, '')}`, 'data-block-type': type });
  }

  append(): void {
    // Only text and thinking stream as appends; other blocks arrive whole through `sync`.
  }

  sync(block: ContentBlock): void {
    this.block = block;
    this.dirty = true;
  }

  setDone(): void {
    // Nothing changes when the turn ends.
  }

  render(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.el.replaceChildren();
    this.draw(this.ctx.doc);
  }

  protected abstract draw(doc: Document): void;
}
