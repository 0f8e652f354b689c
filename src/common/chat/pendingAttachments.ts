/**
 * What will be attached to the next message: the host owns the list; the view shows it as chips
 * (posted as `attachments` whenever it changes). A file attached twice is kept once.
 */
import type { Attachment } from '../attachments/types';
import type { AttachmentChip } from '../protocol';

export class PendingAttachments {
  private items: Attachment[] = [];

  constructor(private readonly onChange: (chips: AttachmentChip[]) => void) {}

  get size(): number {
    return this.items.length;
  }

  list(): readonly Attachment[] {
    return this.items;
  }

  chips(): AttachmentChip[] {
    return this.items.map((a) => a.chip);
  }

  find(id: string): Attachment | undefined {
    return this.items.find((a) => a.chip.id === id);
  }

  /** Adds attachments; one of the same file and kind (same path and name) replaces the old one. */
  add(attachments: readonly Attachment[]): void {
    if (attachments.length === 0) return;
    for (const attachment of attachments) {
      const same = this.items.findIndex((a) => sameSource(a, attachment));
      if (same >= 0) this.items.splice(same, 1, attachment);
      else this.items.push(attachment);
    }
    this.onChange(this.chips());
  }

  remove(id: string): void {
    const before = this.items.length;
    this.items = this.items.filter((a) => a.chip.id !== id);
    if (this.items.length !== before) this.onChange(this.chips());
  }

  /** Gives the chip of pending attachment `id` the thumbnail the view drew; false when it is gone. */
  setThumbnail(id: string, thumbnail: string): boolean {
    const attachment = this.find(id);
    if (!attachment || attachment.chip.kind !== 'image') return false;
    attachment.chip.thumbnail = thumbnail;
    this.onChange(this.chips());
    return true;
  }

  /** Empties the list (the attachments went out with a message, or a new chat started). */
  clear(): void {
    if (this.items.length === 0) return;
    this.items = [];
    this.onChange([]);
  }
}

/** A pasted image has no path: two pastes are two attachments. */
function sameSource(a: Attachment, b: Attachment): boolean {
  return a.chip.path !== undefined && a.chip.path === b.chip.path && a.chip.name === b.chip.name && a.chip.kind === b.chip.kind;
}
