/**
 * The setup card's form: provider (a radio group), the API root for "Other URL", the auth header,
 * the key's state with "Enter API key…", Test Connection, Save and Cancel. Built once and kept;
 * `fill` and `showResult` change it in place, so its listeners are attached once.
 *
 * The key is not a field here on purpose: "Enter API key…" (`data-action="set-api-key"`) runs the
 * host's Set API Key command, a password box in VS Code's own UI that writes Secret Storage. So the
 * key never enters the webview (its DOM, its saved state, or a message), which CONTRACT.md requires
 * and the e2e key sweep checks; the card only learns whether a key is stored.
 */
import type { ApiKeyState, AuthHeader, ProviderId, SetupProvider, SetupView } from '../../common/protocol';
import { actionButton, h } from '../dom';

export interface SetupCardActions {
  test(baseUrl: string, authHeader: AuthHeader): void;
  save(baseUrl: string, authHeader: AuthHeader): void;
  cancel(): void;
}

const AUTH_CHOICES: Array<{ value: AuthHeader; label: string }> = [
  { value: 'x-api-key', label: 'x-api-key header' },
  { value: 'bearer', label: 'Authorization: Bearer' },
];

function radio(doc: Document, name: string, value: string, label: string, hint?: string): HTMLLabelElement {
  const input = h(doc, 'input', { type: 'radio', name, value, 'data-testid': `${name}-${value}` });
  return h(doc, 'label', { class: 'setup-choice' }, input, h(doc, 'span', {}, label), hint ? h(doc, 'span', { class: 'setup-hint' }, hint) : null);
}

export class SetupCard {
  readonly el: HTMLElement;
  private readonly providers: HTMLFieldSetElement;
  private readonly auth: HTMLFieldSetElement;
  private readonly urlRow: HTMLElement;
  private readonly url: HTMLInputElement;
  private readonly keyState: HTMLElement;
  private readonly result: HTMLElement;
  private readonly testButton: HTMLButtonElement;
  private readonly cancelButton: HTMLButtonElement;
  private presets: SetupProvider[] = [];

  constructor(private readonly doc: Document, private readonly actions: SetupCardActions) {
    this.providers = h(doc, 'fieldset', { class: 'setup-group', role: 'radiogroup', 'aria-labelledby': 'setup-provider-legend' });
    this.url = h(doc, 'input', { id: 'setup-url', type: 'url', class: 'setup-url', 'data-testid': 'setup-url', placeholder: 'https://gateway.example.com', spellcheck: 'false', autocomplete: 'off', 'aria-describedby': 'setup-url-hint' });
    this.urlRow = h(doc, 'div', { class: 'setup-field' },
      h(doc, 'label', { for: 'setup-url' }, 'API root URL'), this.url,
      h(doc, 'div', { id: 'setup-url-hint', class: 'setup-hint' }, 'https:// (http:// only for localhost or 127.0.0.1); /v1/messages is added to it.'));
    this.auth = h(doc, 'fieldset', { class: 'setup-group', role: 'radiogroup', 'aria-labelledby': 'setup-auth-legend' },
      h(doc, 'legend', { id: 'setup-auth-legend' }, 'Send the key as'),
      ...AUTH_CHOICES.map((choice) => radio(doc, 'setup-auth', choice.value, choice.label)));
    this.keyState = h(doc, 'span', { class: 'setup-key-state', 'data-testid': 'setup-key-state' });
    this.result = h(doc, 'div', { class: 'setup-result', 'data-testid': 'setup-result', role: 'status', 'aria-live': 'polite', hidden: true });
    this.testButton = h(doc, 'button', { type: 'button', class: 'button', 'data-testid': 'setup-test', title: 'Make one cheap request with these values and the stored key' }, 'Test Connection');
    this.cancelButton = h(doc, 'button', { type: 'button', class: 'button', 'data-testid': 'setup-cancel', title: 'Close this card (Escape)' }, 'Cancel');
    const form = h(doc, 'form', { class: 'setup-form', 'aria-labelledby': 'setup-title', novalidate: true },
      this.providers, this.urlRow, this.auth,
      h(doc, 'div', { class: 'setup-field setup-key' },
        h(doc, 'span', { class: 'setup-label' }, 'API key'), this.keyState,
        actionButton(doc, 'set-api-key', 'Enter API key…', 'Enter the API key in a password box (kept in VS Code’s Secret Storage)', { 'data-testid': 'setup-enter-key' })),
      this.result,
      h(doc, 'div', { class: 'setup-buttons' }, this.testButton,
        h(doc, 'button', { type: 'submit', class: 'button primary', 'data-testid': 'setup-save', title: 'Save the provider URL and auth header to your User settings' }, 'Save'), this.cancelButton));
    this.el = h(doc, 'section', { class: 'setup-card', 'data-testid': 'setup-card', 'aria-labelledby': 'setup-title', hidden: true },
      h(doc, 'h2', { id: 'setup-title', class: 'setup-title' }, 'Set up Claude Messages'),
      h(doc, 'p', { class: 'setup-intro' }, 'Where requests go and how the key is sent. Save writes them to your User settings; the key stays in VS Code’s Secret Storage.'),
      form);
    this.listen(form);
  }

  private listen(form: HTMLFormElement): void {
    this.providers.addEventListener('change', () => this.onProviderChange());
    this.testButton.addEventListener('click', () => this.submit('test'));
    this.cancelButton.addEventListener('click', () => this.actions.cancel());
    // CSP form-action 'none': the form never navigates; Enter in the URL field saves.
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit('save');
    });
  }

  /** Puts the host's values into the form (the presets come with them, from common/setup). */
  fill(view: SetupView): void {
    if (this.presets.length === 0) {
      this.presets = view.providers;
      this.providers.append(h(this.doc, 'legend', { id: 'setup-provider-legend' }, 'Provider'),
        ...view.providers.map((p) => radio(this.doc, 'setup-provider', p.id, p.label, p.baseUrl.replace(/^https:\/\//, '') || undefined)));
    }
    this.check(this.providers, view.provider);
    this.check(this.auth, view.authHeader);
    this.url.value = view.baseUrl;
    this.urlRow.hidden = view.provider !== 'other';
  }

  showResult(result: SetupView['result']): void {
    if (result?.action === 'test') this.setTesting(false);
    this.result.hidden = result === undefined;
    this.result.textContent = result?.message ?? '';
    this.result.classList.toggle('setup-ok', result?.ok === true);
    this.result.classList.toggle('setup-error', result?.ok === false);
    this.result.setAttribute('data-ok', String(result?.ok ?? ''));
    this.result.setAttribute('data-action', result?.action ?? '');
  }

  /** "Key stored" (never the key) and whether Cancel may close the card. */
  setKeyState(state: ApiKeyState): void {
    this.keyState.textContent = state === 'set' ? 'Key stored' : state === 'missing' ? 'No key stored yet' : 'The keychain could not be read';
    this.keyState.setAttribute('data-state', state);
    this.cancelButton.hidden = state !== 'set';
  }

  /** Focuses the first control, the chosen provider; false while the choices have not arrived. */
  focus(): boolean {
    const input = this.providers.querySelector<HTMLInputElement>('input:checked') ?? this.providers.querySelector('input');
    input?.focus();
    return input !== null;
  }

  private onProviderChange(): void {
    const preset = this.presets.find((p) => p.id === this.checked(this.providers));
    if (!preset) return;
    this.check(this.auth, preset.authHeader);
    this.urlRow.hidden = preset.id !== 'other';
    if (preset.id !== 'other') this.url.value = preset.baseUrl;
    else if (this.presets.some((p) => p.baseUrl !== '' && p.baseUrl === this.url.value)) this.url.value = '';
    if (preset.id === 'other') this.url.focus();
  }

  private submit(action: 'test' | 'save'): void {
    // The last answer goes: what shows next is this action's own.
    this.showResult(undefined);
    const authHeader: AuthHeader = this.checked(this.auth) === 'bearer' ? 'bearer' : 'x-api-key';
    if (action === 'test') {
      this.setTesting(true);
      this.actions.test(this.url.value, authHeader);
    } else {
      this.actions.save(this.url.value, authHeader);
    }
  }

  private setTesting(testing: boolean): void {
    this.testButton.disabled = testing;
    this.testButton.textContent = testing ? 'Testing…' : 'Test Connection';
  }

  private checked(group: HTMLFieldSetElement): string {
    return group.querySelector<HTMLInputElement>('input:checked')?.value ?? '';
  }

  private check(group: HTMLFieldSetElement, value: ProviderId | AuthHeader): void {
    for (const input of group.querySelectorAll<HTMLInputElement>('input[type="radio"]')) input.checked = input.value === value;
  }
}
