/**
 * The request controls as compact chips in the composer, under the prompt (as Copilot Chat and
 * Continue show them): model, effort, thinking and Tools (web search, web fetch, code execution),
 * each opening a small menu (chipMenu.ts); a warning under the model when the endpoint does not
 * offer it; a thinking budget only for models that take `budget_tokens`.
 *
 * A chip names its value only when it is not the default ("Effort", "Effort: high"), so the row
 * fits a 300 px sidebar on one line; its accessible name and tooltip always say the value.
 *
 * Where each choice is stored is said on the chip's tooltip and at the top of its menu: the model
 * belongs to this chat (saved with it; new chats start from `claudeMessages.model`), the others are
 * user settings that apply to every chat. The host owns the values: a change is posted, and the
 * chips are redrawn from the `controls` message that answers it, in place so focus stays put.
 */
import type { ChatControls, ControlKey } from '../../common/protocol';
import { h } from '../dom';
import type { Post } from '../vscodeApi';
import { ChipMenu } from './chipMenu';

const THINKING_LABELS: Record<string, string> = {
  auto: 'auto (the model decides)',
  on: 'on',
  off: 'off',
};

const TOOLS = [
  { key: 'webSearch', label: 'Web search', testId: 'web-search-toggle' },
  { key: 'webFetch', label: 'Web fetch', testId: 'web-fetch-toggle' },
  { key: 'codeExecution', label: 'Code execution', testId: 'code-execution-toggle' },
] as const;

/** "Claude Sonnet 5.5" is "Sonnet 5.5" on a chip 300 px wide; an id stays an id. */
export function shortModelName(label: string): string {
  return label.replace(/^Claude\s+/i, '');
}

function modelLabel(controls: ChatControls, id: string): string {
  return controls.models.find((m) => m.id === id)?.label ?? id;
}

/** The controls row. */
export class ControlsView {
  readonly el: HTMLElement;
  private readonly model: ChipMenu;
  private readonly modelWarning: HTMLElement;
  private readonly effort: ChipMenu;
  private readonly thinking: ChipMenu;
  private readonly tools: ChipMenu;
  private readonly budget: HTMLInputElement;
  private readonly budgetLabel: HTMLElement;

  constructor(doc: Document, private readonly post: Post) {
    this.model = new ChipMenu(doc, { testId: 'model-select', name: 'Model', role: 'menuitemradio', choose: (model) => post({ type: 'setModel', model }) });
    // role=status: a screen reader hears the warning when it appears, without moving focus.
    this.modelWarning = h(doc, 'span', { class: 'model-warning', 'data-testid': 'model-warning', role: 'status' });
    this.effort = new ChipMenu(doc, { testId: 'effort-select', name: 'Effort', role: 'menuitemradio', choose: (value) => this.set('effort', value) });
    this.thinking = new ChipMenu(doc, { testId: 'thinking-select', name: 'Thinking', role: 'menuitemradio', choose: (value) => this.set('thinking', value) });
    this.tools = new ChipMenu(doc, {
      testId: 'tools-select',
      name: 'Tools',
      role: 'menuitemcheckbox',
      choose: (key, checked) => {
        const tool = TOOLS.find((t) => t.key === key);
        if (tool) this.set(tool.key, checked);
      },
    });
    this.budget = h(doc, 'input', { type: 'number', min: 1024, step: 1024, 'data-testid': 'thinking-budget', 'aria-label': 'Thinking budget in tokens', title: 'Thinking budget (tokens): user setting claudeMessages.thinkingBudgetTokens, for every chat' });
    this.budgetLabel = h(doc, 'label', { class: 'chip chip-budget' }, 'Budget ', this.budget);
    this.el = h(
      doc,
      'div',
      { class: 'controls', 'data-testid': 'controls', role: 'toolbar', 'aria-label': 'Request settings' },
      this.model.el,
      this.effort.el,
      this.thinking.el,
      this.budgetLabel,
      this.tools.el,
      this.modelWarning,
    );
    this.budget.addEventListener('change', () => {
      const value = Math.round(Number(this.budget.value));
      if (Number.isFinite(value) && value >= 1024) this.set('thinkingBudgetTokens', value);
    });
  }

  /** Shows the host's values. */
  update(controls: ChatControls): void {
    this.updateModel(controls);
    const everyChat = (setting: string, what: string): string => `${what}: user setting claudeMessages.${setting}, for every chat.`;
    this.effort.update({
      text: controls.effort === 'default' ? 'Effort' : `Effort: ${controls.effort}`,
      value: controls.effort,
      title: `Effort (output_config.effort): ${controls.effort}. User setting claudeMessages.effort, for every chat.`,
      items: controls.efforts.map((e) => ({ value: e, label: e === 'default' ? "default (the model's own)" : e, checked: e === controls.effort })),
      note: everyChat('effort', 'Effort'),
      setting: 'claudeMessages.effort',
    });
    this.thinking.update({
      text: controls.thinking === 'auto' ? 'Thinking' : `Thinking: ${controls.thinking}`,
      value: controls.thinking,
      title: `Extended thinking: ${controls.thinking}. User setting claudeMessages.thinking, for every chat.`,
      items: controls.thinkingChoices.map((t) => ({ value: t, label: THINKING_LABELS[t] ?? t, checked: t === controls.thinking })),
      note: everyChat('thinking', 'Thinking'),
      setting: 'claudeMessages.thinking',
    });
    this.budgetLabel.hidden = !controls.thinkingBudgetApplies;
    this.budget.disabled = !controls.thinkingBudgetApplies || controls.thinking === 'off';
    if (this.budget.ownerDocument.activeElement !== this.budget) this.budget.value = String(controls.thinkingBudgetTokens);
    const on = TOOLS.filter((t) => controls[t.key]);
    this.tools.update({
      text: on.length === 0 ? 'Tools' : `Tools: ${on.length}`,
      value: on.length === 0 ? 'none on' : on.map((t) => t.label).join(', '),
      title: `Server tools run by Anthropic (billed per use): ${on.length === 0 ? 'none on' : on.map((t) => t.label).join(', ')}. User settings, for every chat.`,
      items: TOOLS.map((t) => ({ value: t.key, label: t.label, checked: controls[t.key], testId: t.testId })),
      note: 'Server tools (billed per use): user settings claudeMessages.webSearch, webFetch and codeExecution, for every chat.',
      setting: 'claudeMessages.web',
      action: 'Open the web tool settings',
    });
  }

  private updateModel(controls: ChatControls): void {
    const label = modelLabel(controls, controls.model);
    const defaultLabel = modelLabel(controls, controls.defaultModel);
    const items = controls.models.map((m) => ({ value: m.id, label: m.label, checked: m.id === controls.model, title: m.id }));
    // A model the host lists nowhere (a custom id, one the endpoint dropped) is still shown as chosen.
    if (!items.some((item) => item.checked)) items.push({ value: controls.model, label: controls.model, checked: true, title: controls.model });
    this.model.update({
      text: `${controls.modelWarning ? '⚠ ' : ''}${shortModelName(label)}`,
      value: label,
      title: `Model for this chat: ${label} (${controls.model}). Saved with this chat; other chats keep theirs. New chats start from the setting claudeMessages.model (${defaultLabel}).`,
      items,
      note: `This chat only. New chats start from ${defaultLabel} (setting claudeMessages.model; Select Model changes it).`,
      setting: 'claudeMessages.model',
    });
    this.modelWarning.hidden = !controls.modelWarning;
    this.modelWarning.textContent = controls.modelWarning ? `⚠ ${controls.modelWarning}` : '';
    this.model.button.setAttribute('aria-invalid', controls.modelWarning ? 'true' : 'false');
    this.model.button.classList.toggle('warning', Boolean(controls.modelWarning));
  }

  private set(key: ControlKey, value: string | number | boolean): void {
    this.post({ type: 'setControl', key, value });
  }
}
