/**
 * The controls row: model (with a warning beside it when the endpoint does not offer the chosen
 * one), effort, thinking (with a budget only for models that take one), web search, web fetch and
 * code execution. The host owns the values: a change is posted, and the row is redrawn from
 * the `controls` message that answers it. Elements are updated in place so focus stays put.
 */
import type { ChatControls, ControlKey } from '../../common/protocol';
import { h } from '../dom';
import type { Post } from '../vscodeApi';

const THINKING_LABELS: Record<string, string> = { auto: 'Thinking: auto', on: 'Thinking: on', off: 'Thinking: off' };

function setOptions(select: HTMLSelectElement, options: ReadonlyArray<{ value: string; label: string }>, value: string): void {
  const doc = select.ownerDocument;
  const same =
    select.options.length === options.length &&
    options.every((o, i) => select.options[i]?.value === o.value && select.options[i]?.textContent === o.label);
  if (!same) select.replaceChildren(...options.map((o) => h(doc, 'option', { value: o.value }, o.label)));
  // A value the host lists nowhere (a custom model id) is still shown as chosen.
  if (!options.some((o) => o.value === value)) select.append(h(doc, 'option', { value }, value));
  select.value = value;
}

/** The controls row. */
export class ControlsView {
  readonly el: HTMLElement;
  private readonly model: HTMLSelectElement;
  private readonly modelWarning: HTMLElement;
  private readonly effort: HTMLSelectElement;
  private readonly thinking: HTMLSelectElement;
  private readonly budget: HTMLInputElement;
  private readonly budgetLabel: HTMLElement;
  private readonly webSearch: HTMLInputElement;
  private readonly webFetch: HTMLInputElement;
  private readonly codeExecution: HTMLInputElement;

  constructor(doc: Document, private readonly post: Post) {
    this.model = h(doc, 'select', { 'data-testid': 'model-select', 'aria-label': 'Model', title: 'Model' });
    // role=status: a screen reader hears the warning when it appears, without moving focus.
    this.modelWarning = h(doc, 'span', { class: 'model-warning', 'data-testid': 'model-warning', role: 'status' });
    this.effort = h(doc, 'select', { 'data-testid': 'effort-select', 'aria-label': 'Effort', title: 'Effort (output_config.effort)' });
    this.thinking = h(doc, 'select', { 'data-testid': 'thinking-select', 'aria-label': 'Thinking', title: 'Extended thinking' });
    this.budget = h(doc, 'input', {
      type: 'number',
      min: 1024,
      step: 1024,
      'data-testid': 'thinking-budget',
      'aria-label': 'Thinking budget in tokens',
      title: 'Thinking budget (tokens)',
    });
    this.budgetLabel = h(doc, 'label', { class: 'control budget' }, 'Budget ', this.budget);
    this.webSearch = h(doc, 'input', { type: 'checkbox', 'data-testid': 'web-search-toggle' });
    this.webFetch = h(doc, 'input', { type: 'checkbox', 'data-testid': 'web-fetch-toggle' });
    this.codeExecution = h(doc, 'input', { type: 'checkbox', 'data-testid': 'code-execution-toggle' });
    this.el = h(
      doc,
      'div',
      { class: 'controls', 'data-testid': 'controls', role: 'toolbar', 'aria-label': 'Request settings' },
      this.model,
      this.modelWarning,
      this.effort,
      this.thinking,
      this.budgetLabel,
      h(doc, 'label', { class: 'control toggle', title: 'Let Claude search the web (billed per search)' }, this.webSearch, ' Web search'),
      h(doc, 'label', { class: 'control toggle', title: 'Let Claude fetch web pages by URL' }, this.webFetch, ' Web fetch'),
      h(doc, 'label', { class: 'control toggle', title: "Let Claude run code in a sandbox on Anthropic's servers (billed)" }, this.codeExecution, ' Code execution'),
    );
    this.model.addEventListener('change', () => this.post({ type: 'setModel', model: this.model.value }));
    this.effort.addEventListener('change', () => this.set('effort', this.effort.value));
    this.thinking.addEventListener('change', () => this.set('thinking', this.thinking.value));
    this.budget.addEventListener('change', () => {
      const value = Math.round(Number(this.budget.value));
      if (Number.isFinite(value) && value >= 1024) this.set('thinkingBudgetTokens', value);
    });
    this.webSearch.addEventListener('change', () => this.set('webSearch', this.webSearch.checked));
    this.webFetch.addEventListener('change', () => this.set('webFetch', this.webFetch.checked));
    this.codeExecution.addEventListener('change', () => this.set('codeExecution', this.codeExecution.checked));
  }

  /** Shows the host's values. */
  update(controls: ChatControls): void {
    setOptions(this.model, controls.models.map((m) => ({ value: m.id, label: m.label })), controls.model);
    this.modelWarning.hidden = !controls.modelWarning;
    this.modelWarning.textContent = controls.modelWarning ? `⚠ ${controls.modelWarning}` : '';
    this.model.setAttribute('aria-invalid', controls.modelWarning ? 'true' : 'false');
    setOptions(this.effort, controls.efforts.map((e) => ({ value: e, label: `Effort: ${e}` })), controls.effort);
    setOptions(this.thinking, controls.thinkingChoices.map((t) => ({ value: t, label: THINKING_LABELS[t] ?? t })), controls.thinking);
    this.budgetLabel.hidden = !controls.thinkingBudgetApplies;
    this.budget.disabled = !controls.thinkingBudgetApplies || controls.thinking === 'off';
    if (this.budget.ownerDocument.activeElement !== this.budget) this.budget.value = String(controls.thinkingBudgetTokens);
    this.webSearch.checked = controls.webSearch;
    this.webFetch.checked = controls.webFetch;
    this.codeExecution.checked = controls.codeExecution;
  }

  private set(key: ControlKey, value: string | number | boolean): void {
    this.post({ type: 'setControl', key, value });
  }
}
