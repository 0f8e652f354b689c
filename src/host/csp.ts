/**
 * The chat webview's Content Security Policy, apart from webviewHtml.ts (which needs `vscode`) so
 * the unit tests can check it in plain Node.
 */

/**
 * The policy for the chat view: nothing loads or runs but the one nonce'd script, the extension's
 * stylesheet and fonts.
 *
 * - `img-src data:`: the only images are the thumbnails of attached images, which the host sends
 *   as small `data:` URLs (and the view checks they are base64 images). A `data:` image loads
 *   nothing from anywhere, so it cannot leak data; remote images stay blocked. Markdown images
 *   become links (the sanitizer drops `<img>`), the stylesheet uses no `url()`, icons are text.
 * - `base-uri 'none'`: a `<base>` that slipped through could redirect every relative URL.
 * - `form-action 'none'`: the view never submits a form; a smuggled one must not post anywhere.
 */
export function chatCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    'img-src data:',
    `font-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
