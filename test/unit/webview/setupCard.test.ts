/** The setup card in the chat view (jsdom): first run, the form, the key line, results, closing. */
import assert from 'node:assert/strict';
import type { SetupView } from '../../../src/common/protocol';
import { PROVIDER_PRESETS } from '../../../src/common/setup/setup';
import { chatState, openPage, type Page } from './harness';

function view(patch: Partial<SetupView> = {}): SetupView {
  return { providers: [...PROVIDER_PRESETS], provider: 'anthropic', baseUrl: 'https://api.anthropic.com', authHeader: 'x-api-key', ...patch };
}

function firstRun(): Page {
  const page = openPage();
  page.send({ type: 'init', state: chatState({ apiKey: 'missing' }) });
  page.send({ type: 'setup', setup: view() });
  return page;
}

const card = (page: Page) => page.$('[data-testid="setup-card"]');
const radio = (page: Page, name: string, value: string) => page.$<HTMLInputElement>(`[data-testid="${name}-${value}"]`);

function choose(page: Page, name: string, value: string): void {
  const input = radio(page, name, value);
  assert.ok(input, `${name}-${value}`);
  input.checked = true;
  input.dispatchEvent(new page.win.Event('change', { bubbles: true }));
}

describe('webview: the setup card', () => {
  it('opens on a first run and asks the host for the settings, leaving the focus where it was', () => {
    const page = firstRun();
    assert.equal(card(page)?.hidden, false);
    assert.deepEqual(page.api.of('setupLoad'), [{ type: 'setupLoad' }]);
    assert.equal(radio(page, 'setup-provider', 'anthropic')?.checked, true);
    assert.equal(radio(page, 'setup-auth', 'x-api-key')?.checked, true);
    assert.equal(page.doc.activeElement, page.doc.body, 'not moved on load');
    assert.equal(page.$('[data-testid="setup-key-state"]')?.textContent, 'No key stored yet');
    assert.equal(page.$('[data-testid="setup-cancel"]')?.hidden, true, 'no key yet: nothing to go back to');
    assert.equal(page.$('[data-testid="setup-url"]')?.closest<HTMLElement>('.setup-field')?.hidden, true, 'a preset hides the URL field');
  });

  it('is a labelled form: a radio group per choice with a legend, a label for the URL, every input named', () => {
    const page = firstRun();
    const groups = page.$$('[data-testid="setup-card"] fieldset[role="radiogroup"]');
    assert.deepEqual(groups.map((g) => page.doc.getElementById(g.getAttribute('aria-labelledby') ?? '')?.textContent), ['Provider', 'Send the key as']);
    assert.deepEqual(page.$$('input[name="setup-provider"]').map((i) => i.closest('label')?.textContent), ['Anthropicapi.anthropic.com', 'CometAPIapi.cometapi.com', 'Other URL']);
    assert.equal(page.doc.querySelector('label[for="setup-url"]')?.textContent, 'API root URL');
    assert.equal(page.$('[data-testid="setup-card"] form')?.getAttribute('aria-labelledby'), 'setup-title');
  });

  it('a provider sets its URL and default header; Other URL shows the field, empties a preset URL and focuses it', () => {
    const page = firstRun();
    choose(page, 'setup-provider', 'cometapi');
    assert.equal(page.$<HTMLInputElement>('[data-testid="setup-url"]')?.value, 'https://api.cometapi.com');
    assert.equal(radio(page, 'setup-auth', 'bearer')?.checked, true);
    choose(page, 'setup-provider', 'other');
    const url = page.$<HTMLInputElement>('[data-testid="setup-url"]');
    assert.equal(url?.value, '');
    assert.equal(url?.closest<HTMLElement>('.setup-field')?.hidden, false);
    assert.equal(page.doc.activeElement, url);
  });

  it('Test Connection and Save send the typed values; the host answers in the card; the key never crosses', () => {
    const page = firstRun();
    choose(page, 'setup-provider', 'other');
    const url = page.$<HTMLInputElement>('[data-testid="setup-url"]');
    assert.ok(url);
    url.value = 'http://127.0.0.1:9999';
    choose(page, 'setup-auth', 'x-api-key');
    page.$<HTMLButtonElement>('[data-testid="setup-test"]')?.click();
    assert.deepEqual(page.api.of('setupTest'), [{ type: 'setupTest', baseUrl: 'http://127.0.0.1:9999', authHeader: 'x-api-key' }]);
    const test = page.$<HTMLButtonElement>('[data-testid="setup-test"]');
    assert.equal(test?.disabled, true);
    assert.equal(test?.textContent, 'Testing…');

    page.send({ type: 'setup', setup: view({ provider: 'other', baseUrl: 'http://127.0.0.1:9999', authHeader: 'x-api-key', result: { action: 'test', ok: false, message: 'Could not connect: 401. Check the URL…' } }) });
    const result = page.$('[data-testid="setup-result"]');
    assert.equal(result?.hidden, false);
    assert.equal(result?.getAttribute('data-ok'), 'false');
    assert.match(result?.textContent ?? '', /Could not connect: 401/);
    assert.equal(test?.disabled, false);

    page.$<HTMLFormElement>('[data-testid="setup-card"] form')?.requestSubmit();
    assert.equal(result?.hidden, true, 'the last answer goes when Save is pressed');
    assert.deepEqual(page.api.of('setupSave'), [{ type: 'setupSave', baseUrl: 'http://127.0.0.1:9999', authHeader: 'x-api-key' }]);
    page.$<HTMLElement>('[data-testid="setup-enter-key"]')?.click();
    assert.deepEqual(page.api.of('setApiKey'), [{ type: 'setApiKey' }], 'the key goes into the host\'s password box');
    assert.equal(page.$$('[data-testid="setup-card"] input[type="password"]').length, 0);
  });

  it('stays open with "Key stored" once the user set the key from it; Escape then closes it and the caret goes to the prompt', () => {
    const page = firstRun();
    page.$<HTMLElement>('[data-testid="setup-enter-key"]')?.click();
    page.send({ type: 'apiKey', apiKey: 'set' });
    assert.equal(card(page)?.hidden, false);
    assert.equal(page.$('[data-testid="setup-key-state"]')?.textContent, 'Key stored');
    assert.equal(page.$('[data-testid="setup-cancel"]')?.hidden, false);
    card(page)?.dispatchEvent(new page.win.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    assert.equal(card(page), null, 'closed');
    assert.equal(page.doc.activeElement, page.$('[data-testid="prompt"]'));
  });

  it('Escape does nothing while no key is stored', () => {
    const page = firstRun();
    card(page)?.dispatchEvent(new page.win.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    assert.equal(card(page)?.hidden, false);
  });

  it('a first-run card nobody touched closes when a key is set from the palette', () => {
    const page = firstRun();
    page.send({ type: 'apiKey', apiKey: 'set' });
    assert.equal(card(page), null);
  });

  it('opens again when the host asks (Set Up Connection), with the saved values, and Cancel closes it', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState({ apiKey: 'set' }) });
    assert.equal(card(page), null, 'a key is stored: no card');
    page.send({ type: 'setup', setup: view({ provider: 'other', baseUrl: 'http://127.0.0.1:5555', authHeader: 'bearer', open: true }) });
    assert.equal(card(page)?.hidden, false);
    assert.equal(radio(page, 'setup-provider', 'other')?.checked, true);
    assert.equal(page.doc.activeElement, radio(page, 'setup-provider', 'other'), 'asked for: focus moves into the card');
    assert.equal(page.api.of('setupLoad').length, 1, 'the host is told the card opened (it stops keeping the open for a later view)');
    assert.equal(page.$<HTMLInputElement>('[data-testid="setup-url"]')?.value, 'http://127.0.0.1:5555');
    assert.equal(radio(page, 'setup-auth', 'bearer')?.checked, true);
    page.$<HTMLButtonElement>('[data-testid="setup-cancel"]')?.click();
    assert.equal(card(page), null);
  });

  it('the keychain banner, not the card, when the key cannot be read', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState({ apiKey: 'unreadable' }) });
    assert.equal(card(page), null);
    assert.ok(page.$('[data-testid="key-unreadable-banner"]'));
  });
});
