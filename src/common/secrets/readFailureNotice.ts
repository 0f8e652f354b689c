/**
 * Whether a failed keychain read should draw a notification. The key is read on every request and
 * on every key or settings change, so a broken keyring would otherwise pop the same warning again
 * and again: it is shown once, and again only after a read has worked in between (the keyring was
 * fixed, then broke anew). Every failure is still logged; this decides only the notification.
 */
export class ReadFailureNotice {
  private shown = false;

  /** Records a failed read; true when this one should be shown to the user. */
  failed(): boolean {
    if (this.shown) return false;
    this.shown = true;
    return true;
  }

  /** Records a read that worked, so the next failure is news again. */
  succeeded(): void {
    this.shown = false;
  }
}
