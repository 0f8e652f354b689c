/**
 * Markdown to sanitized DOM: marked for parsing, DOMPurify for sanitizing, highlight.js for code.
 *
 * The model's text (and anything it quotes from the web) is untrusted. Raw HTML in the markdown is
 * shown as text, not parsed; DOMPurify then cleans whatever marked produced as a second line of
 * defence (no scripts, handlers, forms, frames, SVG, styles; links only to http(s) and mailto).
 * Images are not loaded (a remote image is a way to leak data): they become links.
 */
import createDOMPurify from 'dompurify';
import type { DOMPurify } from 'dompurify';
import { Marked } from 'marked';
import type { Tokens } from 'marked';
import { h } from '../dom';
import type { WebviewWindow } from '../dom';
import { compileLanguage, escapeHtml, highlightToHtml, needsCompile, safeLanguage } from './highlight';
import { limitMarkdown, splitHeavyRuns } from './limits';
import type { MarkdownPart } from './limits';

const FORBID_TAGS = [
  'script', 'style', 'link', 'meta', 'base', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'form', 'input', 'button', 'textarea', 'select', 'option', 'svg', 'math', 'img', 'picture', 'video',
  'audio', 'source', 'track', 'canvas', 'template', 'dialog', 'portal', 'noscript',
];
const FORBID_ATTR = ['style', 'action', 'formaction', 'srcset', 'src', 'background', 'ping', 'target', 'xlink:href'];
/** Only these survive in href: everything else (javascript:, data:, vbscript:, relative) is dropped. */
const ALLOWED_URI = /^(?:https?:|mailto:)/i;

/** Runs a callback when the page is idle (outside animation frames). */
export type IdleScheduler = (callback: () => void) => void;

/** requestIdleCallback where the page has it, else a timeout (both run outside frames). */
export function windowIdle(win: WebviewWindow): IdleScheduler {
  return (callback) => {
    if (typeof win.requestIdleCallback === 'function') win.requestIdleCallback(() => callback(), { timeout: 2000 });
    else win.setTimeout(callback, 50);
  };
}

/** A little of everything the renderer does, to compile its code paths before the first reply. */
const WARM_UP = '# T\n\nSome *text* with `code`, a [link](https://example.com) and **bold**.\n\n- a\n- b\n\n1. c\n\n> q\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nx\n```\n';

/** Renders markdown chunks into detached, sanitized elements. */
export class MarkdownRenderer {
  private readonly marked: Marked;
  private readonly purify: DOMPurify;

  /** `idle`: where grammar compiles and warm-up go; without it they happen on first use. */
  constructor(private readonly doc: Document, win: WebviewWindow, private readonly idle?: IdleScheduler) {
    this.purify = createDOMPurify(win);
    // One config for every call (passing it per call would re-parse it each time).
    this.purify.setConfig({
      RETURN_DOM_FRAGMENT: true,
      FORBID_TAGS,
      FORBID_ATTR,
      ALLOW_DATA_ATTR: false,
      ALLOWED_URI_REGEXP: ALLOWED_URI,
    });
    this.marked = new Marked({
      gfm: true,
      breaks: false,
      async: false,
      renderer: {
        code: (token: Tokens.Code) => codeHtml(token.text, token.lang),
        // Raw HTML is shown as the text the model wrote, never parsed.
        html: (token: Tokens.HTML | Tokens.Tag) => escapeHtml(token.text),
        image: (token: Tokens.Image) => {
          const label = token.text ? `image: ${token.text}` : 'image';
          return `<a href="${escapeHtml(token.href)}" title="${escapeHtml(token.href)}">[${escapeHtml(label)}]</a>`;
        },
      },
    });
  }

  /**
   * Sanitized HTML fragment for `markdown`. DOMPurify parses the HTML in a document of its own
   * with no browsing context, so nothing in it loads or runs before it is cleaned.
   */
  fragment(markdown: string): DocumentFragment {
    const limited = limitMarkdown(markdown);
    const parts = splitHeavyRuns(limited.markdown);
    const fragment = this.purify.sanitize(this.html(parts), { RETURN_DOM_FRAGMENT: true });
    decorate(this.doc, fragment);
    fillPlainRuns(this.doc, fragment, parts);
    if (limited.overflow) fragment.appendChild(overflowElement(this.doc, limited.overflow));
    return fragment;
  }

  /**
   * The parser's HTML for the markdown parts, with an empty placeholder where a plain run goes:
   * its text is put in as a text node after sanitizing (fillPlainRuns), so it costs neither the
   * parser nor DOMPurify anything.
   */
  private html(parts: readonly MarkdownPart[]): string {
    return parts.map((part) => (part.kind === 'markdown' ? this.marked.parse(part.text, { async: false }) : PLAIN_PLACEHOLDER)).join('');
  }

  /** Renders a sample once in idle time, so the first streamed frame does not pay for cold code. */
  warmUp(): void {
    this.idle?.(() => void this.fragment(WARM_UP));
  }

  /** Compiles `lang`'s grammar in idle time (an open code fence will need it when it closes). */
  prepareLanguage(lang: string): void {
    if (this.idle && needsCompile(lang)) this.idle(() => void compileLanguage(lang));
  }

  /** One finished markdown block as `<div class="md-chunk">`. */
  chunk(markdown: string): HTMLElement {
    const el = h(this.doc, 'div', { class: 'md-chunk' });
    el.appendChild(this.fragment(markdown));
    return el;
  }

  /**
   * Several blocks at once, each as `<div class="md-chunk">`, sanitized in one pass: a streaming
   * frame usually finishes a few blocks and redraws the tail, and one DOMPurify call (which
   * parses in a fresh document each time) is much cheaper than one per block. marked's output is
   * balanced (raw HTML is escaped), so each block stays inside its wrapper; should the count ever
   * not match, the blocks are rendered one by one.
   */
  chunks(markdowns: readonly string[]): HTMLElement[] {
    if (markdowns.length === 0) return [];
    if (markdowns.length === 1) return [this.chunk(markdowns[0] ?? '')];
    const limited = markdowns.map(limitMarkdown);
    const parts = limited.map((m) => splitHeavyRuns(m.markdown));
    const html = parts.map((p) => `<div class="md-chunk">${this.html(p)}</div>`).join('');
    const fragment = this.purify.sanitize(html, { RETURN_DOM_FRAGMENT: true });
    const blocks = Array.from(fragment.children);
    if (blocks.length !== markdowns.length || !blocks.every((b): b is HTMLElement => b.classList.contains('md-chunk'))) {
      return markdowns.map((m) => this.chunk(m));
    }
    decorate(this.doc, fragment);
    blocks.forEach((block, i) => {
      fillPlainRuns(this.doc, block, parts[i] ?? []);
      const overflow = limited[i]?.overflow;
      if (overflow) block.appendChild(overflowElement(this.doc, overflow));
    });
    return blocks;
  }
}

/**
 * Marks where a run of too much inline markup goes. Markdown cannot forge it: raw HTML in the
 * model's text is escaped, so the only `md-plain` elements are these.
 */
const PLAIN_PLACEHOLDER = '<div class="md-plain"></div>';

/** Fills the placeholders, in order, with the plain runs of `parts` (limits.ts splitHeavyRuns). */
function fillPlainRuns(doc: Document, root: ParentNode, parts: readonly MarkdownPart[]): void {
  const plains = parts.filter((part) => part.kind === 'plain');
  if (plains.length === 0) return;
  const holders = Array.from(root.querySelectorAll('div.md-plain'));
  holders.forEach((holder, i) => {
    const part = plains[i];
    if (!part) return;
    holder.setAttribute('data-testid', 'md-plain');
    holder.append(
      h(doc, 'div', { class: 'md-overflow-note' }, `This paragraph has too much formatting markup (${part.marks} marks) to format without freezing the view; it is shown as plain text.`),
      h(doc, 'pre', { class: 'md-overflow-text' }, part.text),
    );
  });
}

/** Text past the size cap (limits.ts): shown as it is, as a text node, under a note. */
function overflowElement(doc: Document, text: string): HTMLElement {
  return h(
    doc,
    'div',
    { class: 'md-overflow', 'data-testid': 'md-overflow' },
    h(doc, 'div', { class: 'md-overflow-note' }, 'The rest of this block is too long to format; it is shown as plain text.'),
    h(doc, 'pre', { class: 'md-overflow-text' }, text),
  );
}

function codeHtml(text: string, lang: string | undefined): string {
  const language = safeLanguage(lang?.split(/\s/)[0]);
  const cls = language ? `hljs language-${language}` : 'hljs';
  return `<pre><code class="${cls}">${highlightToHtml(text, language)}</code></pre>\n`;
}

/**
 * Adds what sanitized markup must not carry itself: Copy/Insert buttons on code blocks (added
 * here, after sanitizing, so markdown can never forge them) and hover titles on links.
 */
function decorate(doc: Document, root: DocumentFragment): void {
  for (const pre of Array.from(root.querySelectorAll('pre'))) {
    const code = pre.querySelector('code');
    if (!code || !pre.parentNode) continue;
    const lang = /(?:^|\s)language-(\S+)/.exec(code.className)?.[1] ?? '';
    const block = codeBlockShell(doc, lang);
    pre.parentNode.replaceChild(block, pre);
    block.appendChild(pre);
  }
  for (const link of Array.from(root.querySelectorAll('a'))) {
    const href = link.getAttribute('href');
    if (href && !link.title) link.title = href;
    link.setAttribute('rel', 'noreferrer noopener');
  }
}

/** The frame around a code block: language label and Copy/Insert buttons (handled by delegation). */
export function codeBlockShell(doc: Document, lang: string): HTMLElement {
  return h(
    doc,
    'div',
    { class: 'code-block' },
    h(
      doc,
      'div',
      { class: 'code-toolbar' },
      h(doc, 'span', { class: 'code-lang' }, lang),
      h(doc, 'button', { type: 'button', class: 'code-action', 'data-action': 'copy-code', title: 'Copy code', 'aria-label': 'Copy code' }, 'Copy'),
      h(doc, 'button', { type: 'button', class: 'code-action', 'data-action': 'insert-code', title: 'Insert code at the cursor', 'aria-label': 'Insert code at the cursor' }, 'Insert'),
    ),
  );
}
