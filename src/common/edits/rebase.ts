import type { OffsetEdit, Range, TextEdit } from './textEdit';
import { TextSnapshot } from './textSnapshot';

/**
 * A change the user (or anything else) made to the document, shaped like VS Code's
 * `TextDocumentContentChangeEvent`: `[rangeOffset, rangeOffset + rangeLength)` was replaced by `text`.
 */
export interface ContentChange {
  readonly rangeOffset: number;
  readonly rangeLength: number;
  readonly text: string;
}

/** An edit moved onto the current text, with both offsets and a range. */
export interface RebasedEdit extends OffsetEdit {
  readonly range: Range;
}

/** An edit that cannot be moved because the user changed the text it touches. */
export interface RebaseConflict {
  /** Index of the edit in the input. */
  readonly editIndex: number;
  /** Index of the first user change it collided with. */
  readonly changeIndex: number;
  /** The edit, in snapshot offsets. */
  readonly edit: OffsetEdit;
  readonly change: ContentChange;
}

/** Outcome of {@link rebaseEdits}. */
export type RebaseResult =
  | { readonly ok: true; readonly edits: RebasedEdit[]; readonly text: string }
  | { readonly ok: false; readonly conflicts: RebaseConflict[]; readonly reason: string };

/** An edit against the snapshot, by offsets or by range. */
export type EditAgainstSnapshot = OffsetEdit | TextEdit;

const isTextEdit = (edit: EditAgainstSnapshot): edit is TextEdit => 'range' in edit;

/**
 * True when an edit `[es, ee)` and a user change `[cs, ce)` cannot both be kept unambiguously.
 *
 * Two non-empty ranges conflict only when they overlap; touching is fine (the text between them is
 * untouched by either). When either is an insertion (empty range), touching is a conflict too: if
 * both insert at one offset, or the edit inserts at the edge of text the user replaced, no order is
 * right by construction, and a wrong guess would put text in the wrong place.
 */
function collides(es: number, ee: number, cs: number, ce: number): boolean {
  if (es === ee || cs === ce) return es <= ce && cs <= ee;
  return es < ce && cs < ee;
}

/**
 * Moves `edits`, computed against `snapshotText`, onto the text the document has now, given the
 * changes made since, in the order they happened (each against the text the previous one left,
 * which is how VS Code reports `contentChanges` when applied one after another).
 *
 * Fails rather than guesses: any edit that collides with a user change is reported as a conflict
 * (every such edit is listed), and when `currentText` is given and the changes do not lead to it
 * (a change event was missed), the whole rebase fails.
 */
export function rebaseEdits(
  snapshotText: string,
  edits: readonly EditAgainstSnapshot[],
  changes: readonly ContentChange[],
  currentText?: string,
): RebaseResult {
  const snapshot = new TextSnapshot(snapshotText);
  const base: OffsetEdit[] = edits.map((e) =>
    isTextEdit(e) ? { start: snapshot.offsetAt(e.range.start), end: snapshot.offsetAt(e.range.end), newText: e.newText } : e,
  );
  const invalid = invalidEdits(base, snapshotText.length);
  if (invalid !== undefined) return { ok: false, conflicts: [], reason: invalid };

  const followed = followChanges(snapshotText, base, changes);
  const { text, live, conflicts } = followed;
  if (followed.missed !== undefined) return { ok: false, conflicts, reason: followed.missed };
  if (currentText !== undefined && currentText !== text) {
    return { ok: false, conflicts, reason: 'The recorded changes do not lead to the current text (a change was missed), so the edits cannot be placed safely.' };
  }
  if (conflicts.length > 0) {
    const lines = conflicts.map((c) => snapshot.positionAt(c.edit.start).line + 1);
    return { ok: false, conflicts, reason: `The document changed where the edit${conflicts.length === 1 ? '' : 's'} apply (line${lines.length === 1 ? '' : 's'} ${lines.join(', ')} of the original).` };
  }
  const current = new TextSnapshot(text);
  const rebased = base.map((e, i) => {
    const pos = live[i] ?? e;
    return { start: pos.start, end: pos.end, newText: e.newText, range: current.rangeAt(pos.start, pos.end) };
  });
  return { ok: true, edits: rebased, text };
}

/** Why the edits cannot be placed at all (out of the text, or overlapping), or undefined. */
function invalidEdits(base: readonly OffsetEdit[], length: number): string | undefined {
  for (const e of base) {
    if (!(e.start >= 0 && e.start <= e.end && e.end <= length)) {
      return `An edit [${e.start}, ${e.end}) lies outside the snapshot text.`;
    }
  }
  const order = base.map((_, i) => i).sort((x, y) => (base[x]?.start ?? 0) - (base[y]?.start ?? 0));
  for (let i = 1; i < order.length; i++) {
    const prev = base[order[i - 1] ?? 0];
    const cur = base[order[i] ?? 0];
    if (prev && cur && cur.start < prev.end) return 'The edits overlap each other.';
  }
  return undefined;
}

/** The edits' positions after the changes, and the text the changes lead to. */
interface FollowedChanges {
  text: string;
  /** Current position of each edit; undefined once it has conflicted. */
  live: Array<{ start: number; end: number } | undefined>;
  conflicts: RebaseConflict[];
  /** Set when a change does not fit the text it applies to (a change event was missed). */
  missed?: string;
}

/** Applies the changes in order, shifting the edits after each one and retiring those it hits. */
function followChanges(snapshotText: string, base: readonly OffsetEdit[], changes: readonly ContentChange[]): FollowedChanges {
  const out: FollowedChanges = { text: snapshotText, live: base.map((e) => ({ start: e.start, end: e.end })), conflicts: [] };
  for (const [changeIndex, change] of changes.entries()) {
    const cs = change.rangeOffset;
    const ce = cs + change.rangeLength;
    if (!(Number.isInteger(cs) && Number.isInteger(change.rangeLength) && cs >= 0 && change.rangeLength >= 0 && ce <= out.text.length)) {
      out.missed = `Change ${changeIndex} [${cs}, ${ce}) lies outside the text it applies to (length ${out.text.length}); a change was missed.`;
      return out;
    }
    const delta = change.text.length - change.rangeLength;
    for (const [editIndex, pos] of out.live.entries()) {
      if (!pos) continue;
      if (collides(pos.start, pos.end, cs, ce)) {
        const edit = base[editIndex];
        if (edit) out.conflicts.push({ editIndex, changeIndex, edit, change });
        out.live[editIndex] = undefined;
      } else if (pos.start >= ce) {
        out.live[editIndex] = { start: pos.start + delta, end: pos.end + delta };
      }
    }
    out.text = out.text.slice(0, cs) + change.text + out.text.slice(ce);
  }
  return out;
}

/**
 * The user's changes between two texts when the change events are not available: one change
 * covering everything between the common prefix and the common suffix (empty when the texts are
 * equal). It never splits a surrogate pair or a `\r\n`. Where the user typed is ambiguous in
 * repeated text (`aa` -> `aaa`); the change is placed as late as possible.
 */
export function changesBetween(snapshotText: string, currentText: string): ContentChange[] {
  if (snapshotText === currentText) return [];
  const limit = Math.min(snapshotText.length, currentText.length);
  let prefix = 0;
  while (prefix < limit && snapshotText.charCodeAt(prefix) === currentText.charCodeAt(prefix)) prefix++;
  const cutsPair = (t: string, p: number): boolean => {
    const before = t.charCodeAt(p - 1);
    const after = t.charCodeAt(p);
    return (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) || (before === 13 && after === 10);
  };
  while (prefix > 0 && (cutsPair(snapshotText, prefix) || cutsPair(currentText, prefix))) prefix--;
  let suffix = 0;
  while (
    suffix < limit - prefix &&
    snapshotText.charCodeAt(snapshotText.length - 1 - suffix) === currentText.charCodeAt(currentText.length - 1 - suffix)
  ) suffix++;
  while (suffix > 0 && (cutsPair(snapshotText, snapshotText.length - suffix) || cutsPair(currentText, currentText.length - suffix))) suffix--;
  return [{
    rangeOffset: prefix,
    rangeLength: snapshotText.length - prefix - suffix,
    text: currentText.slice(prefix, currentText.length - suffix),
  }];
}
