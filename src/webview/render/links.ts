import { h } from '../dom';
import { isWebUrl } from '../format';

/**
 * A link to a web page, or plain text when the URL is not http(s). Clicks never navigate: the app
 * intercepts every link click and asks the host to open http(s) URLs (see linkClicks.ts).
 */
export function webLink(doc: Document, url: string | null | undefined, text: string, title?: string): HTMLElement {
  if (!isWebUrl(url)) return h(doc, 'span', { class: 'link-text' }, text);
  return h(doc, 'a', { href: url, title: title ?? url, rel: 'noreferrer noopener' }, text);
}
