/**
 * Attachment chips (`data-testid="attachment"`, `data-kind` = text, image or document): in the
 * composer before sending, with a remove button, and on the user turn that sent them, without.
 * The chip's main button opens what it shows (`openAttachment`); both buttons carry their action
 * in `data-action`, so the page's one click listener (clicks.ts) handles them however often the
 * chips are redrawn, and Enter/Space work as on any button.
 *
 * A chip never holds the attachment's bytes: an image shows the host's small thumbnail, and only a
 * `data:image/…;base64,` one (the CSP allows `img-src data:` and nothing else).
 */
import type { AttachmentChip, AttachmentKind } from '../../common/protocol';
import { h } from '../dom';

const THUMBNAIL = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}$/;

/** A text mark per kind where there is no thumbnail (the view loads no icon fonts). */
const KIND_MARK: Record<AttachmentKind, string> = { text: '≡', image: '▣', document: '▤' };
const KIND_NAME: Record<AttachmentKind, string> = { text: 'text file', image: 'image', document: 'document' };

/** Whether `value` is a thumbnail the chip may show: a base64 data URL of a supported image type. */
export function isThumbnail(value: string | undefined): value is string {
  return value !== undefined && THUMBNAIL.test(value);
}

/** What a screen reader hears for the chip's open button: "Open a.png (image, 640×480)". */
export function chipLabel(chip: AttachmentChip): string {
  const detail = chip.detail ? `, ${chip.detail}` : '';
  return `Open ${chip.name} (${KIND_NAME[chip.kind] ?? chip.kind}${detail})`;
}

export interface ChipOptions {
  /** Composer chips can be removed before sending; a sent turn's cannot. */
  removable: boolean;
}

/** One chip. */
export function attachmentChip(doc: Document, chip: AttachmentChip, options: ChipOptions): HTMLElement {
  const visual = isThumbnail(chip.thumbnail)
    ? h(doc, 'img', { class: 'attachment-thumb', src: chip.thumbnail, alt: '' })
    : h(doc, 'span', { class: 'attachment-mark', 'aria-hidden': 'true' }, KIND_MARK[chip.kind] ?? '?');
  const open = h(
    doc,
    'button',
    { type: 'button', class: 'attachment-open', 'data-action': 'open-attachment', 'data-attachment-id': chip.id, 'aria-label': chipLabel(chip) },
    visual,
    h(doc, 'span', { class: 'attachment-text' },
      h(doc, 'span', { class: 'attachment-name' }, chip.name),
      chip.detail ? h(doc, 'span', { class: 'attachment-detail' }, chip.detail) : null,
    ),
  );
  const el = h(doc, 'span', { class: 'attachment', 'data-testid': 'attachment', 'data-kind': chip.kind, 'data-attachment-id': chip.id }, open);
  el.title = [chip.path ?? chip.name, chip.detail, chip.note].filter(Boolean).join('\n');
  if (chip.note) {
    // Said on the chip itself, not only in a tooltip: the user should see that the image changed.
    el.classList.add('has-note');
    el.append(h(doc, 'span', { class: 'attachment-note', 'data-testid': 'attachment-note' }, chip.note));
  }
  if (options.removable) {
    el.append(
      h(doc, 'button', {
        type: 'button',
        class: 'attachment-remove',
        'data-action': 'remove-attachment',
        'data-attachment-id': chip.id,
        'aria-label': `Remove ${chip.name}`,
        title: `Remove ${chip.name}`,
      }, '×'),
    );
  }
  return el;
}

/** A row of chips (`role="list"` so a screen reader says how many there are). */
export function attachmentList(doc: Document, chips: readonly AttachmentChip[], options: ChipOptions): HTMLElement {
  const list = h(doc, 'div', { class: 'attachments', role: 'list', 'aria-label': 'Attachments' });
  for (const chip of chips) {
    const item = attachmentChip(doc, chip, options);
    item.setAttribute('role', 'listitem');
    list.append(item);
  }
  return list;
}

/**
 * The composer's chips. When the chip that had focus goes (it was removed), focus moves to the
 * chip now in its place, or to the prompt, instead of being lost to the page.
 */
export class AttachmentBar {
  readonly el: HTMLElement;
  private chips: readonly AttachmentChip[] = [];

  constructor(private readonly doc: Document, private readonly prompt: HTMLElement) {
    this.el = h(doc, 'div', { class: 'composer-attachments', hidden: true });
  }

  get items(): readonly AttachmentChip[] {
    return this.chips;
  }

  update(chips: readonly AttachmentChip[]): void {
    const active = this.doc.activeElement;
    const focusedChip = active && this.el.contains(active) ? active.closest('[data-testid="attachment"]') : null;
    const focusedAt = focusedChip ? Array.from(this.el.querySelectorAll('[data-testid="attachment"]')).indexOf(focusedChip) : -1;
    this.chips = chips;
    this.el.replaceChildren(...(chips.length > 0 ? [attachmentList(this.doc, chips, { removable: true })] : []));
    this.el.hidden = chips.length === 0;
    if (focusedAt < 0) return;
    // The same button of the same chip when it is still there (a redraw), else the remove button
    // of the chip that moved into the removed one's place.
    const part = active?.classList.contains('attachment-open') ? '.attachment-open' : '.attachment-remove';
    const id = focusedChip?.getAttribute('data-attachment-id');
    const same = Array.from(this.el.querySelectorAll<HTMLElement>(part)).find((button) => button.getAttribute('data-attachment-id') === id);
    const removes = Array.from(this.el.querySelectorAll<HTMLElement>('.attachment-remove'));
    const next = same ?? removes[Math.min(focusedAt, removes.length - 1)];
    (next ?? this.prompt).focus();
  }
}
