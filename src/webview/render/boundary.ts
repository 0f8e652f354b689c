/**
 * Error boundaries: what a turn, a block or a markdown chunk shows when drawing it threw.
 *
 * The model's output is untrusted and unbounded, so a renderer can fail on it (a parser's stack
 * overflowing on deep nesting, a bug on a shape nobody foresaw). One failure must not take the
 * view down: the failing piece shows its raw text, as a text node (never parsed as HTML), under a
 * short note, and everything around and after it keeps rendering.
 */
import type { ContentBlock } from '../../common/protocol';
import { h } from '../dom';
import type { BlockView } from './staticBlock';
import { prettyJson, str } from './staticBlock';

/** The note above a piece that could not be drawn. */
export const FALLBACK_NOTE = 'This block could not be displayed; its text is shown as is.';

/** Raw text under the fallback note; `role` is a class that keeps the wrapper's place (e.g. `md-chunk`). */
export function fallbackElement(doc: Document, text: string, role?: string): HTMLElement {
  return h(
    doc,
    'div',
    { class: role ? `${role} render-fallback` : 'render-fallback', 'data-testid': 'render-fallback' },
    h(doc, 'div', { class: 'render-fallback-note' }, FALLBACK_NOTE),
    h(doc, 'pre', { class: 'render-fallback-text' }, text),
  );
}

/** Reports a caught rendering failure without letting the report itself throw. */
export function reportRenderError(where: string, error: unknown): void {
  try {
    console.error(`Claude Messages: ${where} could not be rendered`, error);
  } catch {
    // A console that throws must not turn a contained failure into an escaping one.
  }
}

/** A block's own text (what the model wrote), or its JSON for blocks that are not text. */
export function rawBlockText(block: ContentBlock): string {
  if (block.type === 'text') return str(block['text']);
  if (block.type === 'thinking') return str(block['thinking']);
  return prettyJson(block);
}

/**
 * Stands in for a block whose view threw: its raw text under the note. It keeps following the
 * block (appends grow the text in place), so a failed streaming block still shows all it says.
 */
export class FailedBlockView implements BlockView {
  readonly el: HTMLElement;
  private readonly text: HTMLElement;

  constructor(doc: Document, readonly type: string, block: ContentBlock) {
    this.el = fallbackElement(doc, rawBlockText(block), 'block block-failed');
    this.el.setAttribute('data-block-type', type);
    this.text = this.el.querySelector('pre') ?? this.el;
  }

  append(field: 'text' | 'thinking', text: string): void {
    if (field === this.type) this.text.append(text);
  }

  sync(block: ContentBlock): void {
    const text = rawBlockText(block);
    if (this.text.textContent !== text) this.text.textContent = text;
  }

  setDone(): void {
    // The raw text looks the same whether or not the turn is done.
  }

  render(): void {
    // Drawn as it changes (append, sync): nothing is buffered.
  }
}
