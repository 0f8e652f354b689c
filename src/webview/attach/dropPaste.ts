/**
 * Paste and drop: an image pasted into the prompt, or files dropped anywhere on the view, are
 * attached. Drops from VS Code's explorer or tabs carry URIs (`attachUris`: the host reads the
 * files), drops from the OS carry bytes (`attachData`).
 *
 * VS Code passes a drag to a webview only while Shift is held (since 1.89, microsoft/vscode PR
 * #209211); without Shift the workbench takes the drop and opens the file in an editor. The Add
 * context button's tooltip says so, and while a drag is over the view, a hint says where it goes.
 */
import type { WebviewWindow } from '../dom';
import type { Post } from '../vscodeApi';
import { carriesFiles, dragUris, fileToMessage, fromVsCode, pastedName } from './files';

/** How the view tells the user something went wrong (a notice over the log). */
export type Notify = (level: 'info' | 'warning', message: string) => void;

/** Listens for pastes into `prompt` and drops onto `root`. Lives as long as the page. */
export function listenForFiles(win: WebviewWindow, root: HTMLElement, prompt: HTMLTextAreaElement, post: Post, notify: Notify): void {
  const send = (files: File[], names: (file: File) => string): void => {
    for (const file of files) {
      fileToMessage(win, file, names(file))
        .then((outcome) => ('message' in outcome ? post(outcome.message) : notify('warning', outcome.refusal)))
        .catch((error: unknown) => notify('warning', `${names(file)} could not be read (${error instanceof Error ? error.message : String(error)}), so it was not attached.`));
    }
  };

  prompt.addEventListener('paste', (event) => {
    const data = event.clipboardData;
    if (!data) return;
    const files = Array.from(data.files);
    // Text wins: copying from a spreadsheet or a word processor puts a picture of the selection
    // on the clipboard too, and whoever pastes there means the text. A screenshot has no text.
    if (files.length === 0 || data.getData('text/plain') !== '') return;
    event.preventDefault();
    const now = new Date();
    send(files, (file) => pastedName(file, now));
  });

  let depth = 0;
  const setDragging = (on: boolean): void => {
    root.classList.toggle('dragging', on);
    if (!on) depth = 0;
  };
  const accepts = (event: DragEvent): boolean => event.dataTransfer !== null && carriesFiles(Array.from(event.dataTransfer.types));
  const doc = win.document;
  doc.addEventListener('dragenter', (event) => {
    if (!accepts(event)) return;
    depth++;
    setDragging(true);
  }, true);
  doc.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) setDragging(false);
  }, true);
  doc.addEventListener('dragover', (event) => {
    if (!accepts(event) || !event.dataTransfer) return;
    // Taken here, in the capture phase, so the prompt does not insert the dragged URI as text.
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, true);
  doc.addEventListener('drop', (event) => {
    setDragging(false);
    const data = event.dataTransfer;
    if (!data || !carriesFiles(Array.from(data.types))) return;
    event.preventDefault();
    event.stopPropagation();
    // An OS file manager's drag carries the files and often their file:// URIs too; those URIs
    // name the user's machine, which the host (perhaps remote) cannot read: send the bytes.
    const files = Array.from(data.files);
    const uris = dragUris(data).slice(0, 100);
    if (files.length > 0 && !fromVsCode(Array.from(data.types))) send(files, (file) => file.name);
    else if (uris.length > 0) post({ type: 'attachUris', uris });
  }, true);
}
