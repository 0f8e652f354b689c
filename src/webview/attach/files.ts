/**
 * Files that reach the view from outside: VS Code's explorer and editor tabs hand over URIs (the
 * host reads the files), the OS and the clipboard hand over bytes (the view reads them and sends
 * them as base64). Which files are accepted is the host's decision, said in one place; the view
 * only keeps back what could never be sent (over the request limit) so it can say why.
 */
import type { WebviewToHost } from '../../common/protocol';
import { formatBytes } from '../format';
import { blobToBase64, prepareImage } from './images';
import type { ImageWindow } from './images';

/** The API's request limit (32 MB): a file larger than this can never be sent. */
export const MAX_REQUEST_BYTES = 32 * 1024 * 1024;

/**
 * The URIs of a drag, richest list first: `application/vnd.code.uri-list` (VS Code's own: every
 * dragged resource), `text/uri-list` (the web's; VS Code may put only the first resource there),
 * `resourceurls` (a JSON array, older VS Code). Lines starting with `#` are comments (RFC 2483).
 */
export function dragUris(data: Pick<DataTransfer, 'getData'>): string[] {
  for (const type of ['application/vnd.code.uri-list', 'text/uri-list', 'resourceurls']) {
    const uris = parseUriList(safeGet(data, type));
    if (uris.length > 0) return uris;
  }
  return [];
}

/** A uri-list (lines) or a JSON array of strings -> the URIs in it. */
export function parseUriList(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      return Array.isArray(parsed) ? parsed.filter((u): u is string => typeof u === 'string' && u.trim() !== '').map((u) => u.trim()) : [];
    } catch {
      return [];
    }
  }
  return trimmed.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
}

function safeGet(data: Pick<DataTransfer, 'getData'>, type: string): string {
  try {
    return data.getData(type) ?? '';
  } catch {
    return '';
  }
}

/** Whether a drag carries something the view can attach (files or URIs). */
export function carriesFiles(types: readonly string[]): boolean {
  const lower = types.map((t) => t.toLowerCase());
  return ['files', 'text/uri-list', 'application/vnd.code.uri-list', 'resourceurls'].some((t) => lower.includes(t));
}

/** Whether a drag came from VS Code itself (its explorer, tabs or views): then its URIs are what counts. */
export function fromVsCode(types: readonly string[]): boolean {
  const lower = types.map((t) => t.toLowerCase());
  return ['application/vnd.code.uri-list', 'resourceurls', 'codeeditors', 'codefiles'].some((t) => lower.includes(t));
}

/** A name for a pasted image (the clipboard calls them all "image.png"). */
export function pastedName(file: { name: string; type: string }, now: Date): string {
  if (file.name && file.name !== 'image.png') return file.name;
  const ext = file.type.startsWith('image/') ? file.type.slice(6).replace('jpeg', 'jpg').replace(/\W.*$/, '') : 'bin';
  const time = [now.getHours(), now.getMinutes(), now.getSeconds()].map((n) => String(n).padStart(2, '0')).join('.');
  return `Pasted image ${time}.${ext || 'png'}`;
}

/** What the view sends for one file, or why it cannot. */
export type FileOutcome = { message: Extract<WebviewToHost, { type: 'attachData' }> } | { refusal: string };

/** Reads one file into an `attachData` message (images made to fit first, images.ts). */
export async function fileToMessage(win: ImageWindow, file: File, name: string = file.name): Promise<FileOutcome> {
  if (file.size > MAX_REQUEST_BYTES) {
    return { refusal: `${name} is ${formatBytes(file.size)}; a request to the API can carry at most ${formatBytes(MAX_REQUEST_BYTES)}, so it was not attached.` };
  }
  // An unknown type goes as octet-stream: the host decides from the name and the bytes.
  const mediaType = file.type || 'application/octet-stream';
  if (mediaType.startsWith('image/')) {
    const image = await prepareImage(win, file);
    const message: Extract<WebviewToHost, { type: 'attachData' }> = { type: 'attachData', name, mediaType: image.mediaType, base64: image.base64 };
    if (image.note) message.note = image.note;
    if (image.thumbnail) message.thumbnail = image.thumbnail;
    return { message };
  }
  return { message: { type: 'attachData', name, mediaType, base64: await blobToBase64(win, file) } };
}
