/**
 * When the setup card shows: on a first run (no key stored) it opens by itself in the banner
 * area, in place of a "no key" banner; later from the Set Up Connection command (the view's "…"
 * menu or the palette; the host's `setup` message with `open`). It closes with Cancel or Escape once a key exists, and by itself
 * when a key arrives from elsewhere (the palette's Set API Key) before the user touched the card.
 * The keychain banner is drawn here too, since the two share the slot.
 */
import type { ApiKeyState, SetupView } from '../common/protocol';
import { apiKeyBanner } from './render/banners';
import { SetupCard } from './render/setupCard';
import type { Post } from './vscodeApi';

export class SetupPanel {
  private readonly card: SetupCard;
  private open = false;
  /** Opened by the first run rather than asked for: a key set elsewhere closes it. */
  private auto = false;
  private touched = false;
  /** Opened before the host's first `setup` brought the choices: focus them when it does. */
  private focusPending = false;
  private apiKey: ApiKeyState = 'set';

  constructor(private readonly doc: Document, private readonly slot: HTMLElement, private readonly post: Post, private readonly afterClose: () => void) {
    this.card = new SetupCard(doc, {
      test: (baseUrl, authHeader) => post({ type: 'setupTest', baseUrl, authHeader }),
      save: (baseUrl, authHeader) => post({ type: 'setupSave', baseUrl, authHeader }),
      cancel: () => this.close(),
    });
    // The slot and the card are built once, so these listeners are too. Only what the user does
    // counts as touching the card, not the focus the card itself moves in.
    for (const type of ['click', 'keydown', 'input']) this.card.el.addEventListener(type, () => (this.touched = true));
    this.card.el.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.apiKey === 'set') {
        event.preventDefault();
        this.close();
      }
    });
  }

  /** The key's state changed (or `init` arrived): the card's key line, first-run opening, the banner. */
  setKeyState(state: ApiKeyState): void {
    this.apiKey = state;
    this.card.setKeyState(state);
    if (state === 'missing' && !this.open) {
      this.show({ auto: true });
      return;
    }
    if (state === 'set' && this.open && this.auto && !this.touched) {
      this.close();
      return;
    }
    this.draw();
  }

  /** The host's `setup` message: the values in force or the outcome of Test / Save. */
  apply(view: SetupView): void {
    this.card.fill(view);
    this.card.showResult(view.result);
    if (view.open) this.show();
    else if (this.focusPending && this.open) this.focusPending = !this.card.focus();
  }

  private show(options: { auto?: boolean } = {}): void {
    this.open = true;
    this.auto = options.auto === true;
    this.touched = false;
    this.card.showResult(undefined);
    this.draw();
    // Always: the host then forgets an open it was keeping for a view that was not listening yet.
    this.post({ type: 'setupLoad' });
    // Asked for (the command): focus moves into the card. Opened by the first run as the view
    // loads: focus stays where the user has it, as a page should not move it on load (WCAG 3.2.1);
    // the card is the first thing below the toolbar, so Tab reaches it at once.
    this.focusPending = !options.auto && !this.card.focus();
  }

  private close(): void {
    this.open = false;
    this.draw();
    this.afterClose();
  }

  private draw(): void {
    this.card.el.hidden = !this.open;
    const banner = this.open ? undefined : apiKeyBanner(this.doc, this.apiKey);
    this.slot.replaceChildren(...(this.open ? [this.card.el] : banner ? [banner] : []));
  }
}
