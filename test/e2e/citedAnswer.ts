/**
 * The cited answer the e2e tests and the README screenshot use: a web search and an answer in many
 * small text blocks, as the API returns one (fragments that split sentences, each cited one
 * opening with its citation).
 */
import { citedAnswerReply } from '../server/server';
import type { AnswerFragment, SearchHit } from '../server/server';

export const CITED_RESULTS: SearchHit[] = [
  { url: 'https://code.visualstudio.com/api/extension-guides/webview', title: 'Webview API | Visual Studio Code Extension API' },
  { url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/CSP', title: 'Content Security Policy (CSP) - MDN' },
];

export const CITED_FRAGMENTS: AnswerFragment[] = [
  { text: 'A webview should ' },
  { text: 'set a content security policy that only allows the resources it needs', cite: { result: 0, quote: 'Webviews should set a content security policy that only allows the resources they need.' } },
  { text: ', while ' },
  { text: 'scripts run only when they carry the nonce the policy names', cite: { result: 1, quote: 'A nonce-source allows a script only when its nonce attribute matches the value in the policy.' } },
  { text: '.\n\nIn practice: `default-src \'none\'`, styles from the extension\'s own files, and ' },
  { text: 'no inline scripts or styles', cite: { result: 0, quote: 'Inline scripts and styles are blocked unless the policy allows them.' } },
  { text: '.' },
];

export const CITED_QUERY = 'vscode webview content security policy';

export function citedAnswer(): ReturnType<typeof citedAnswerReply> {
  return citedAnswerReply(CITED_QUERY, CITED_RESULTS, CITED_FRAGMENTS);
}
