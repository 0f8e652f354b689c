/**
 * One control chip: a small button that names its choice ("Sonnet 5.5", "Effort: high") and opens
 * a menu under it, the way Copilot Chat's and Continue's composer pickers work.
 *
 * ARIA menu button pattern: the chip has `aria-haspopup="menu"` and `aria-expanded`; the menu is
 * `role="menu"` holding `menuitemradio` (one choice) or `menuitemcheckbox` (toggles) items and at
 * most one plain `menuitem` action (Open Setting, posted through click delegation). Keys: Enter,
 * Space or ArrowDown on the chip open it with the checked item focused (ArrowUp: the last item);
 * in the menu ArrowUp/ArrowDown/Home/End move, Enter/Space choose, Escape closes and gives the
 * focus back to the chip, Tab closes and moves on. A radio choice closes the menu; a toggle keeps
 * it open so several can be flipped. The host owns every value: a choice is posted, and the menu
 * is redrawn from the host's answer, in place so the focused item keeps the focus.
 */
import { h } from '../dom';

export interface ChipItem {
  value: string;
  label: string;
  checked: boolean;
  /** A test id on the item (the tools' toggles keep the ids their checkboxes had). */
  testId?: string;
  /** A tooltip (a model's id). */
  title?: string;
}

export interface ChipMenuOptions {
  /** The chip's test id (`model-select`, …). */
  testId: string;
  /** What the chip chooses, for its label ("Model" gives "Model: Sonnet 5.5"). */
  name: string;
  /** One choice (radio items) or independent toggles (checkbox items). */
  role: 'menuitemradio' | 'menuitemcheckbox';
  /** A chosen item: its value and whether it is now checked. */
  choose(value: string, checked: boolean): void;
}

/** What the chip shows: its text, its accessible value and tooltip, the items, where the choice is kept. */
export interface ChipContent {
  text: string;
  /** The accessible value, read after the name ("Model: Claude Sonnet 5.5"). */
  value: string;
  title: string;
  items: ChipItem[];
  /** A line at the top of the menu saying where the choice is stored. */
  note: string;
  /** The setting the menu's last item opens (a prefix filters the settings editor to several). */
  setting: string;
  /** That item's text; "Open setting <setting>" by default. */
  action?: string;
}

let menus = 0;

export class ChipMenu {
  readonly el: HTMLElement;
  readonly button: HTMLButtonElement;
  private readonly menu: HTMLElement;
  private readonly note: HTMLElement;
  private readonly action: HTMLButtonElement;

  constructor(doc: Document, private readonly options: ChipMenuOptions) {
    const id = `chip-menu-${++menus}`;
    this.button = h(doc, 'button', { type: 'button', class: 'chip', 'data-testid': options.testId, 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': id });
    this.note = h(doc, 'div', { class: 'chip-menu-note', id: `${id}-note`, role: 'none' });
    this.action = h(doc, 'button', { type: 'button', class: 'chip-menu-item chip-menu-action', role: 'menuitem', tabindex: -1, 'data-action': 'open-setting' });
    this.menu = h(doc, 'div', { class: 'chip-menu', id, role: 'menu', 'aria-label': options.name, 'aria-describedby': `${id}-note`, hidden: true }, this.note);
    this.el = h(doc, 'span', { class: 'chip-wrap' }, this.button, this.menu);
    this.button.addEventListener('click', () => (this.isOpen ? this.closeToChip() : this.open('checked')));
    this.button.addEventListener('keydown', (event) => this.onChipKey(event));
    this.menu.addEventListener('keydown', (event) => this.onMenuKey(event));
    this.menu.addEventListener('click', (event) => {
      const item = event.target instanceof doc.defaultView!.Element ? event.target.closest<HTMLElement>('[role^="menuitem"]') : null;
      if (item) this.activate(item);
    });
    // A click anywhere else closes the menu (the focus stays where the click put it).
    doc.addEventListener('mousedown', (event) => {
      if (this.isOpen && event.target instanceof doc.defaultView!.Node && !this.el.contains(event.target)) this.close();
    });
  }

  get isOpen(): boolean {
    return !this.menu.hidden;
  }

  /** Draws the host's values; items are updated in place when the list is the same. */
  update(content: ChipContent): void {
    this.button.textContent = content.text;
    this.button.setAttribute('aria-label', `${this.options.name}: ${content.value}`);
    this.button.title = content.title;
    this.note.textContent = content.note;
    this.action.setAttribute('data-setting', content.setting);
    this.action.textContent = content.action ?? `Open setting ${content.setting}`;
    this.action.setAttribute('aria-label', this.action.textContent);
    const current = this.items();
    const same = current.length === content.items.length && content.items.every((item, i) => current[i]?.getAttribute('data-value') === item.value);
    if (!same) this.replaceItems(content.items);
    content.items.forEach((item, i) => {
      const el = this.items()[i];
      if (!el) return;
      el.textContent = item.label;
      el.setAttribute('aria-label', item.label);
      if (item.title) el.title = item.title;
      el.setAttribute('aria-checked', String(item.checked));
    });
  }

  /**
   * A new list (the endpoint's models arrived) while the menu may be open: the focus stays on the
   * same item, or the first, rather than falling to the page body with the removed element.
   */
  private replaceItems(items: ChipItem[]): void {
    const active = this.menu.ownerDocument.activeElement;
    const focusedValue = active && this.menu.contains(active) ? active.getAttribute('data-value') : undefined;
    this.menu.replaceChildren(this.note, ...items.map((item) => this.itemElement(item)), this.action);
    if (focusedValue === undefined) return;
    const again = this.focusable().find((el) => el.getAttribute('data-value') === focusedValue) ?? this.focusable()[0];
    again?.focus();
  }

  open(focus: 'checked' | 'first' | 'last'): void {
    this.menu.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    const items = this.focusable();
    const checked = items.find((item) => item.getAttribute('aria-checked') === 'true');
    const target = focus === 'last' ? items.at(-1) : focus === 'checked' && checked ? checked : items[0];
    target?.focus();
  }

  /** Closes the menu where focus went elsewhere (a click outside, another chip). */
  close(): void {
    this.menu.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
  }

  /** Closes the menu and puts the focus back on its chip (Escape, Tab, a choice made). */
  closeToChip(): void {
    this.close();
    this.button.focus();
  }

  private itemElement(item: ChipItem): HTMLElement {
    const attributes: Record<string, string | number> = { type: 'button', class: 'chip-menu-item', role: this.options.role, tabindex: -1, 'data-value': item.value };
    if (item.testId) attributes['data-testid'] = item.testId;
    return h(this.menu.ownerDocument, 'button', attributes);
  }

  /** The choice items (not the note, not the Open Setting action). */
  private items(): HTMLElement[] {
    return Array.from(this.menu.querySelectorAll<HTMLElement>(`[role="${this.options.role}"]`));
  }

  /** Everything the arrows move through: the items, then the action. */
  private focusable(): HTMLElement[] {
    return Array.from(this.menu.querySelectorAll<HTMLElement>('[role^="menuitem"]'));
  }

  private activate(item: HTMLElement): void {
    if (item === this.action) {
      // Posted by click delegation (clicks.ts, `open-setting`); the menu only closes.
      this.close();
      return;
    }
    const value = item.getAttribute('data-value') ?? '';
    if (this.options.role === 'menuitemcheckbox') {
      this.options.choose(value, item.getAttribute('aria-checked') !== 'true');
      return;
    }
    this.closeToChip();
    this.options.choose(value, true);
  }

  private onChipKey(event: KeyboardEvent): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    this.open(event.key === 'ArrowUp' ? 'last' : 'checked');
  }

  private onMenuKey(event: KeyboardEvent): void {
    const items = this.focusable();
    const index = items.indexOf(event.target as HTMLElement);
    const move = (to: number): void => items[(to + items.length) % items.length]?.focus();
    switch (event.key) {
      case 'ArrowDown': move(index + 1); break;
      case 'ArrowUp': move(index - 1); break;
      case 'Home': move(0); break;
      case 'End': move(items.length - 1); break;
      case 'Escape': this.closeToChip(); break;
      // The focus goes back to the chip and the browser's Tab moves on from there.
      case 'Tab': this.closeToChip(); return;
      case 'Enter':
      case ' ':
        // A click, so the Open Setting action reaches the click delegation too.
        if (index >= 0) items[index]?.click();
        break;
      default: return;
    }
    event.preventDefault();
    event.stopPropagation();
  }
}
