/**
 * The chat webview's Content Security Policy, apart from webviewHtml.ts (which needs `vscode`) so
 * the unit tests can check it in plain Node.
 */

/**
 * The policy for the chat view: nothing loads or runs but the one nonce'd script, the extension's
 * stylesheet and fonts.
 *
 * - `img-src 'none'`: the view shows no images. Markdown images become links (a remote image
 *   would leak data to its server), the stylesheet uses no `url()`, and icons are text. Should the
 *   view ever need one, allow `cspSource` for that and nothing wider.
 * - `base-uri 'none'`: a `<base>` that slipped through could redirect every relative URL.
 * - `form-action 'none'`: the view never submits a form; a smuggled one must not post anywhere.
 */
export function chatCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    "img-src 'none'",
    `font-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
