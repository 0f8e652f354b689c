import * as assert from 'node:assert/strict';
import { assistantTurn, chatState, controls, openPage, userTurn } from './harness';
import type { Page } from './harness';

function key(page: Page, target: HTMLElement, keyName: string, init: KeyboardEventInit = {}): boolean {
  const event = new page.win.KeyboardEvent('keydown', { key: keyName, bubbles: true, cancelable: true, ...init });
  return target.dispatchEvent(event);
}

function typeInto(page: Page, textarea: HTMLTextAreaElement, text: string): void {
  textarea.value = text;
  textarea.dispatchEvent(new page.win.Event('input', { bubbles: true }));
}

function prompt(page: Page): HTMLTextAreaElement {
  const el = page.$('[data-testid="prompt"]');
  assert.ok(el instanceof page.win.HTMLTextAreaElement);
  return el;
}

describe('webview composer keys', () => {
  it('Enter sends and clears the prompt; Shift+Enter does not send', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState() });
    const box = prompt(page);
    typeInto(page, box, 'line one');
    assert.equal(key(page, box, 'Enter', { shiftKey: true }), true, 'Shift+Enter keeps its default (a newline)');
    assert.equal(page.api.of('send').length, 0);
    assert.equal(key(page, box, 'Enter'), false, 'Enter is taken over');
    assert.deepEqual(page.api.of('send'), [{ type: 'send', text: 'line one' }]);
    assert.equal(box.value, '');
  });

  it('does not send an empty prompt or while a reply streams (Send disabled)', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState() });
    const box = prompt(page);
    typeInto(page, box, '   ');
    key(page, box, 'Enter');
    page.send({ type: 'turnAdded', turn: { id: 'a1', role: 'assistant', status: 'streaming', blocks: [] }, requestId: 'r1' });
    typeInto(page, box, 'next question');
    key(page, box, 'Enter');
    assert.equal(page.api.of('send').length, 0);
    assert.equal((page.$('[data-testid="send"]') as HTMLButtonElement).disabled, true);
    assert.equal(box.value, 'next question', 'the draft is kept');
  });

  it('Escape stops the streaming reply with its request id', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState() });
    key(page, prompt(page), 'Escape');
    assert.equal(page.api.of('stop').length, 0, 'nothing to stop when idle');
    page.send({ type: 'turnAdded', turn: { id: 'a1', role: 'assistant', status: 'streaming', blocks: [] }, requestId: 'req-7' });
    key(page, prompt(page), 'Escape');
    assert.deepEqual(page.api.of('stop'), [{ type: 'stop', requestId: 'req-7' }]);
  });

  it('ArrowUp in an empty prompt recalls the last prompt, and only when empty', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState({ turns: [userTurn('u1', 'from history'), assistantTurn('a1', [])] }) });
    const box = prompt(page);
    key(page, box, 'ArrowUp');
    assert.equal(box.value, 'from history', 'recalls the last user turn after a rebuild');
    typeInto(page, box, 'sent now');
    key(page, box, 'Enter');
    typeInto(page, box, 'typing');
    key(page, box, 'ArrowUp');
    assert.equal(box.value, 'typing', 'a non-empty prompt is left alone');
    typeInto(page, box, '');
    key(page, box, 'ArrowUp');
    assert.equal(box.value, 'sent now');
  });

  it('keeps the draft across a rebuild and grows the prompt with its lines', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState() });
    typeInto(page, prompt(page), 'a\nb\nc');
    assert.equal(prompt(page).rows, 3);
    const rebuilt = openPage(page.api.saved);
    assert.equal(prompt(rebuilt).value, 'a\nb\nc');
  });

  it('New chat posts newChat', () => {
    const page = openPage();
    page.$('[data-testid="new-chat"]')?.click();
    assert.deepEqual(page.api.of('newChat'), [{ type: 'newChat' }]);
  });
});

describe('webview links and code buttons', () => {
  function withText(text: string): Page {
    const page = openPage();
    page.send({ type: 'init', state: chatState({ turns: [assistantTurn('a1', [{ type: 'text', text }])] }) });
    return page;
  }

  function click(page: Page, el: Element): boolean {
    return el.dispatchEvent(new page.win.MouseEvent('click', { bubbles: true, cancelable: true }));
  }

  it('posts openLink for http(s) links and never lets the webview navigate', () => {
    const page = withText('[web](https://example.com/a?b=1) and [mail](mailto:x@example.com) and <http://plain.example>');
    const links = page.$$('[data-block-type="text"] a');
    assert.equal(links.length, 3);
    for (const link of links) assert.equal(click(page, link), false, 'default prevented');
    assert.deepEqual(page.api.of('openLink'), [
      { type: 'openLink', url: 'https://example.com/a?b=1' },
      { type: 'openLink', url: 'http://plain.example/' },
    ]);
  });

  it('does not post openLink for links that sanitizing left without a web URL', () => {
    const page = withText('[x](javascript:alert(1)) [y](data:text/html,hi)');
    for (const el of page.$$('[data-block-type="text"] a, [data-block-type="text"] span')) click(page, el);
    assert.equal(page.api.of('openLink').length, 0);
  });

  it('Copy and Insert post the code block text', () => {
    const page = withText('```js\nconsole.log("hi");\n```');
    page.$('[data-action="copy-code"]')?.click();
    page.$('[data-action="insert-code"]')?.click();
    assert.deepEqual(page.api.of('copyCode'), [{ type: 'copyCode', code: 'console.log("hi");' }]);
    assert.deepEqual(page.api.of('insertCode'), [{ type: 'insertCode', code: 'console.log("hi");' }]);
  });
});

describe('webview controls and history', () => {
  it('shows the host’s controls as chips and posts changes without changing them itself', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState() });
    const model = page.$<HTMLButtonElement>('[data-testid="model-select"]')!;
    assert.equal(model.getAttribute('aria-label'), 'Model: Claude Sonnet 5');
    assert.equal(model.textContent, 'Sonnet 5', 'the short name on the chip');
    const modelItems = page.$$('[role="menuitemradio"][data-value^="claude-"]');
    assert.deepEqual(modelItems.map((o) => o.getAttribute('data-value')), ['claude-sonnet-5', 'claude-haiku-4-5']);
    assert.deepEqual(modelItems.map((o) => o.getAttribute('aria-checked')), ['true', 'false']);
    model.click();
    page.$('[data-value="claude-haiku-4-5"]')?.click();
    assert.deepEqual(page.api.of('setModel'), [{ type: 'setModel', model: 'claude-haiku-4-5' }]);
    assert.equal(model.getAttribute('aria-label'), 'Model: Claude Sonnet 5', 'unchanged until the host answers');

    const budget = page.$<HTMLInputElement>('[data-testid="thinking-budget"]')!;
    assert.equal(budget.closest('label')?.hidden, true, 'budget hidden when it does not apply');
    page.send({ type: 'controls', controls: { ...controls, thinkingBudgetApplies: true, thinking: 'on', thinkingBudgetTokens: 4096 } });
    assert.equal(budget.closest('label')?.hidden, false);
    assert.equal(budget.value, '4096');
    budget.value = '16000';
    budget.dispatchEvent(new page.win.Event('change'));

    const tools = page.$<HTMLButtonElement>('[data-testid="tools-select"]')!;
    assert.equal(tools.getAttribute('aria-label'), 'Tools: Web fetch', 'the fixture has web fetch on');
    const search = page.$('[data-testid="web-search-toggle"]')!;
    assert.equal(search.getAttribute('role'), 'menuitemcheckbox');
    assert.equal(search.getAttribute('aria-checked'), 'false');
    tools.click();
    search.click();
    assert.equal(tools.getAttribute('aria-expanded'), 'true', 'a toggle keeps the menu open');
    page.$<HTMLButtonElement>('[data-testid="thinking-select"]')?.click();
    page.$('[data-testid="thinking-select"] + [role="menu"] [data-value="off"]')?.click();
    page.$<HTMLButtonElement>('[data-testid="effort-select"]')?.click();
    page.$('[data-testid="effort-select"] + [role="menu"] [data-value="high"]')?.click();
    page.$('[data-testid="code-execution-toggle"]')?.click();
    assert.deepEqual(page.api.of('setControl'), [
      { type: 'setControl', key: 'thinkingBudgetTokens', value: 16000 },
      { type: 'setControl', key: 'webSearch', value: true },
      { type: 'setControl', key: 'thinking', value: 'off' },
      { type: 'setControl', key: 'effort', value: 'high' },
      { type: 'setControl', key: 'codeExecution', value: true },
    ]);
    page.send({ type: 'controls', controls });
    assert.equal(search.getAttribute('aria-checked'), 'false', 'the host’s answer wins');
    page.send({ type: 'controls', controls: { ...controls, codeExecution: true } });
    assert.equal(page.$('[data-testid="code-execution-toggle"]')?.getAttribute('aria-checked'), 'true');
    assert.equal(tools.textContent, 'Tools: 2');
    assert.equal(tools.getAttribute('aria-label'), 'Tools: Web fetch, Code execution');
  });

  it('says where each choice is stored: the model in this chat, the others in user settings', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState({ controls: { ...controls, model: 'claude-haiku-4-5', defaultModel: 'claude-sonnet-5' } }) });
    const model = page.$<HTMLButtonElement>('[data-testid="model-select"]')!;
    assert.match(model.title, /^Model for this chat: Claude Haiku 4\.5 \(claude-haiku-4-5\)\. Saved with this chat/);
    assert.match(model.title, /New chats start from the setting claudeMessages\.model \(Claude Sonnet 5\)/);
    const menu = page.$('[data-testid="model-select"] + [role="menu"]')!;
    assert.match(menu.querySelector('.chip-menu-note')?.textContent ?? '', /^This chat only\. New chats start from Claude Sonnet 5 \(setting claudeMessages\.model/);
    assert.equal(menu.getAttribute('aria-describedby'), menu.querySelector('.chip-menu-note')?.id);
    const effortNote = page.$('[data-testid="effort-select"] + [role="menu"] .chip-menu-note')?.textContent ?? '';
    assert.match(effortNote, /user setting claudeMessages\.effort, for every chat/);
    const open = menu.querySelector<HTMLElement>('[data-action="open-setting"]')!;
    assert.equal(open.getAttribute('role'), 'menuitem');
    model.click();
    open.click();
    assert.deepEqual(page.api.of('openSetting'), [{ type: 'openSetting', setting: 'claudeMessages.model' }]);
    assert.equal(menu.hidden, true, 'the action closes the menu');
  });

  it('shows a warning under the model chip when the endpoint does not offer the chosen model', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState() });
    const warning = page.$('[data-testid="model-warning"]');
    const model = page.$<HTMLButtonElement>('[data-testid="model-select"]')!;
    assert.equal(warning?.hidden, true, 'no warning while the model is offered');
    assert.equal(model.getAttribute('aria-invalid'), 'false');
    const message = 'claude-opus-9 is not among the models this endpoint lists; requests with it will likely fail. Pick another model.';
    page.send({ type: 'controls', controls: { ...controls, model: 'claude-opus-9', modelWarning: message } });
    assert.equal(warning?.hidden, false);
    assert.equal(warning?.textContent, `⚠ ${message}`);
    assert.equal(warning?.getAttribute('role'), 'status');
    assert.equal(warning?.closest('[data-testid="controls"]'), model.closest('[data-testid="controls"]'), 'in the chips row');
    assert.equal(model.textContent, '⚠ claude-opus-9', 'the chosen model is still shown as chosen');
    assert.equal(page.$('[data-value="claude-opus-9"]')?.getAttribute('aria-checked'), 'true');
    assert.equal(model.getAttribute('aria-invalid'), 'true');
    page.send({ type: 'controls', controls });
    assert.equal(warning?.hidden, true, 'gone once an offered model is chosen');
    assert.equal(warning?.textContent, '');
  });

  it('lists conversations and posts open, rename, delete (after confirming) and export from the row menu', () => {
    const page = openPage();
    const now = Date.now();
    const history = [
      { id: 'c1', title: 'Older', model: 'claude-sonnet-5', updatedAt: now - 60_000 },
      { id: 'c2', title: 'Newer', model: 'claude-haiku-4-5', updatedAt: now },
    ];
    page.send({ type: 'init', state: chatState({ history }) });
    const panel = page.$('[data-testid="history"]');
    assert.equal(panel?.hidden, true);
    page.$('[data-testid="history-toggle"]')?.click();
    assert.equal(panel?.hidden, false);
    const items = () => page.$$('[data-testid="history-item"]');
    assert.deepEqual(items().map((i) => i.getAttribute('data-conversation-id')), ['c2', 'c1'], 'newest first');
    assert.match(items()[0]?.querySelector('[data-testid="history-open"]')?.getAttribute('title') ?? '', /claude-haiku-4-5/, 'the model is in the tooltip');
    const menu = (row: number, testid: string): void => {
      items()[row]?.querySelector<HTMLElement>('[data-testid="history-actions"]')?.click();
      items()[row]?.querySelector<HTMLElement>(`[role="menu"] [data-testid="${testid}"]`)?.click();
    };

    menu(0, 'history-export-markdown');
    menu(0, 'history-export-json');
    menu(0, 'history-rename');
    const input = page.$('[data-testid="history-rename-input"]') as HTMLInputElement;
    assert.equal(input.value, 'Newer');
    input.value = 'Renamed';
    input.dispatchEvent(new page.win.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));

    menu(1, 'history-delete');
    assert.equal(page.api.of('deleteConversation').length, 0, 'delete asks first');
    page.$('[data-testid="history-confirm-delete"]')?.click();
    items()[1]?.querySelector<HTMLElement>('[data-testid="history-open"]')?.click();

    assert.deepEqual(
      page.api.posted.filter((m) => m.type !== 'ready'),
      [
        { type: 'exportConversation', id: 'c2', format: 'markdown' },
        { type: 'exportConversation', id: 'c2', format: 'json' },
        { type: 'renameConversation', id: 'c2', title: 'Renamed' },
        { type: 'deleteConversation', id: 'c1' },
        { type: 'openConversation', id: 'c1' },
      ],
    );
    assert.equal(panel?.hidden, true, 'opening a conversation closes the panel');
  });
});

describe('webview accessibility basics', () => {
  it('the log is role=log with polite live updates, and every button has a label', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState({ apiKey: 'missing', turns: [assistantTurn('a1', [{ type: 'text', text: '```\nx\n```' }], { stopReason: 'max_tokens' })] }) });
    const log = page.$('[data-testid="messages"]');
    assert.equal(log?.getAttribute('role'), 'log');
    assert.equal(log?.getAttribute('aria-live'), 'polite');
    for (const button of page.$$('button')) {
      assert.ok(button.getAttribute('aria-label') || button.getAttribute('title'), `unlabelled button: ${button.outerHTML}`);
    }
  });
});
