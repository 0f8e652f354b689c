/**
 * `@` in the prompt: typing `@` and part of a path asks the host for matching workspace files
 * (`queryFiles`, throttled) and shows its answer (`fileSuggestions`) as a listbox over the prompt.
 * Up/Down move, Enter or Tab accept, Escape closes (until the `@` word changes), the mouse picks.
 * Accepting removes the `@query` text from the prompt and attaches the file (`attachPath`).
 *
 * The list takes keys only while it is open and has options, so Enter still sends and ArrowUp
 * still recalls the last prompt whenever it is closed. Focus stays in the prompt throughout (the
 * options are named through `aria-activedescendant`), so typing never pauses.
 */
import { h } from '../dom';

/** How often, at most, a query goes to the host while typing (the last one always goes). */
export const QUERY_INTERVAL_MS = 120;
/** The most suggestions shown. */
export const MAX_SUGGESTIONS = 12;

/** An `@word` in the prompt: where it starts (the `@`), where it ends (the caret), and the word. */
export interface MentionToken {
  start: number;
  end: number;
  query: string;
}

/**
 * The `@word` that ends at the caret, if any: an `@` at the start or after whitespace, followed by
 * no whitespace and no other `@` (so "a@b.com" and "@ " are not mentions).
 */
export function mentionAt(text: string, caret: number): MentionToken | undefined {
  const match = /(^|\s)@([^\s@]*)$/.exec(text.slice(0, caret));
  if (!match) return undefined;
  const query = match[2] ?? '';
  return { start: caret - query.length - 1, end: caret, query };
}

/** Timers, so tests can drive the throttle; the page's window by default. */
export interface Timers {
  set(callback: () => void, ms: number): number;
  clear(handle: number): void;
}

export interface MentionHooks {
  query(query: string): void;
  /** A suggestion was accepted; the `@query` is already gone from the prompt. */
  accept(path: string): void;
}

/** The suggestion list and its keyboard. */
export class MentionList {
  readonly el: HTMLUListElement;
  private token: MentionToken | undefined;
  private paths: string[] = [];
  private active = 0;
  /** Where the `@` was that Escape closed the list for: it stays closed until the word changes. */
  private dismissed: number | undefined;
  private lastSent: string | undefined;
  private pending: string | undefined;
  private timer: number | undefined;
  private static lists = 0;
  private readonly idPrefix: string;

  constructor(private readonly doc: Document, private readonly prompt: HTMLTextAreaElement, private readonly hooks: MentionHooks, private readonly timers: Timers) {
    this.idPrefix = `cm-mention-${++MentionList.lists}`;
    this.el = h(doc, 'ul', { class: 'suggestions', id: this.idPrefix, role: 'listbox', 'aria-label': 'Workspace files to attach', 'data-testid': 'file-suggestions', hidden: true });
    prompt.setAttribute('aria-autocomplete', 'list');
    // The option under the pointer is taken on mousedown (which would otherwise move focus out of the prompt).
    this.el.addEventListener('mousedown', (event) => {
      const target = event.target as Partial<Element> | null;
      const option = typeof target?.closest === 'function' ? target.closest('[role="option"][data-index]') : null;
      if (!option) return;
      event.preventDefault();
      this.accept(Number(option.getAttribute('data-index')));
    });
    // Leaving the prompt closes the list; coming back to the same `@word` asks again.
    prompt.addEventListener('blur', () => {
      this.token = undefined;
      this.close();
    });
  }

  /** Whether the list is shown with at least one option (then it takes Up/Down/Enter/Tab). */
  get open(): boolean {
    return !this.el.hidden && this.paths.length > 0;
  }

  /** The prompt's text or caret changed: find the `@word`, ask for it, or close. */
  onInput(): void {
    const caret = this.prompt.selectionStart ?? this.prompt.value.length;
    const token = this.prompt.selectionStart === this.prompt.selectionEnd ? mentionAt(this.prompt.value, caret) : undefined;
    if (this.dismissed !== undefined && token?.start !== this.dismissed) this.dismissed = undefined;
    if (!token || token.start === this.dismissed) {
      this.token = undefined;
      this.close();
      return;
    }
    const changed = token.query !== this.token?.query || token.start !== this.token.start;
    this.token = token;
    if (changed) this.send(token.query);
  }

  /**
   * The host's answer: shown when it answers the latest query sent and an `@word` is still there.
   * The highlighted file stays highlighted when the new answer still lists it, so a key pressed
   * just as a fresher answer arrives acts on what the user saw.
   */
  show(query: string, paths: readonly string[]): void {
    if (!this.token || query !== this.lastSent) return;
    const highlighted = this.el.hidden ? undefined : this.paths[this.active];
    this.paths = paths.slice(0, MAX_SUGGESTIONS);
    this.active = Math.max(0, highlighted === undefined ? 0 : this.paths.indexOf(highlighted));
    this.el.setAttribute('data-query', query);
    this.draw();
  }

  /** Keys while the list is open; returns true when the key was the list's. */
  handleKey(event: KeyboardEvent): boolean {
    if (this.el.hidden) return false;
    if (event.key === 'Escape') {
      this.dismissed = this.token?.start;
      this.token = undefined;
      this.close();
      return true;
    }
    if (!this.open) return false;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        const step = event.key === 'ArrowDown' ? 1 : -1;
        this.active = (this.active + step + this.paths.length) % this.paths.length;
        this.draw();
        return true;
      }
      case 'Enter':
      case 'Tab':
        if (event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return false;
        this.accept(this.active);
        return true;
      default:
        return false;
    }
  }

  close(): void {
    this.el.hidden = true;
    this.el.removeAttribute('data-query');
    this.paths = [];
    this.el.replaceChildren();
    this.prompt.removeAttribute('aria-activedescendant');
    this.prompt.removeAttribute('aria-controls');
  }

  /** Stops the throttle's timer (the view is going away). */
  dispose(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
  }

  /** Leading and trailing throttle: the first query goes at once, then at most one per interval, the latest last. */
  private send(query: string): void {
    if (this.timer !== undefined) {
      this.pending = query;
      return;
    }
    this.lastSent = query;
    this.hooks.query(query);
    this.timer = this.timers.set(() => this.tick(), QUERY_INTERVAL_MS);
  }

  private tick(): void {
    this.timer = undefined;
    const pending = this.pending;
    this.pending = undefined;
    if (pending !== undefined && pending !== this.lastSent && this.token?.query === pending) this.send(pending);
  }

  private accept(index: number): void {
    const path = this.paths[index];
    const token = this.token;
    if (path === undefined || !token) return;
    const text = this.prompt.value;
    this.prompt.value = text.slice(0, token.start) + text.slice(token.end);
    this.prompt.setSelectionRange(token.start, token.start);
    this.token = undefined;
    this.close();
    this.hooks.accept(path);
  }

  private draw(): void {
    const doc = this.doc;
    const options = this.paths.map((path, i) => {
      const slash = path.lastIndexOf('/');
      const selected = i === this.active;
      return h(
        doc,
        'li',
        { class: selected ? 'suggestion active' : 'suggestion', role: 'option', id: `${this.idPrefix}-${i}`, 'aria-selected': String(selected), 'data-index': i, 'data-path': path, title: path },
        h(doc, 'span', { class: 'suggestion-name' }, path.slice(slash + 1)),
        slash > 0 ? h(doc, 'span', { class: 'suggestion-dir' }, path.slice(0, slash)) : null,
      );
    });
    if (options.length === 0) {
      options.push(h(doc, 'li', { class: 'suggestion-empty', role: 'option', 'aria-disabled': 'true' }, `No workspace file matches “${this.token?.query ?? ''}”`));
    }
    this.el.replaceChildren(...options);
    this.el.hidden = false;
    this.prompt.setAttribute('aria-controls', this.idPrefix);
    if (this.paths.length > 0) {
      this.prompt.setAttribute('aria-activedescendant', `${this.idPrefix}-${this.active}`);
      this.el.children[this.active]?.scrollIntoView?.({ block: 'nearest' });
    } else {
      this.prompt.removeAttribute('aria-activedescendant');
    }
  }
}
