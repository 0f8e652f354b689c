/**
 * Bytes -> an attachment: the content block per kind and its chip.
 *
 * - a text file: a labelled text block in the one context format (`contextBlocks.ts`: header with
 *   the workspace-relative path, language and line range);
 * - an image: `{type: 'image', source: {type: 'base64', media_type, data}}`, the type read from
 *   the bytes, never taken from a name or a claimed type;
 * - a PDF: `{type: 'document', source: {type: 'base64', media_type: 'application/pdf', data},
 *   title, citations: {enabled}}`.
 *
 * Every block is marked as context (`markAsContext`) so the request builder caches it.
 */
import { markAsContext } from '../anthropic/caching';
import { contextBlockText, lineCount } from '../conversation/contextBlocks';
import { classifyBytes } from './classify';
import { languageOfPath } from './language';
import { fileSizeProblem, formatBytes, imageProblem, textLengthProblem } from './limits';
import type { AttachResult } from './types';

/** Images whose bytes are at most this are shown as their own thumbnail; larger ones get none. */
export const THUMBNAIL_MAX_BYTES = 16 * 1024;

export interface AttachLimits {
  /** `claudeMessages.attachmentMaxBytes`: the largest file read. */
  maxBytes: number;
  /** `claudeMessages.contextFileMaxChars`: the longest text file. */
  maxChars: number;
  /** `claudeMessages.documentCitations`: PDFs are sent with citations enabled. */
  citations: boolean;
}

export interface FileBytes {
  /** The file name shown on the chip and used as a document's title. */
  name: string;
  /** Workspace-relative path with `/`, for files of the workspace. */
  path?: string;
  /** The language id (VS Code's) of a text file, when the host knows it; else guessed from the name. */
  language?: string;
  bytes: Uint8Array;
  /** Offered as an image (a paste or drop of image data): refuse anything that is not one. */
  asImage?: boolean;
  /** Something to tell the user on the chip (e.g. that the view downscaled the image). */
  note?: string;
}

/** Builds the attachment for a file's bytes, or says why it cannot be attached. */
export function buildAttachment(id: string, file: FileBytes, limits: AttachLimits): AttachResult {
  const { name, bytes } = file;
  const tooLarge = fileSizeProblem(name, bytes.length, limits.maxBytes);
  if (tooLarge) return { ok: false, message: tooLarge };
  const classified = classifyBytes(name, bytes, { asImage: file.asImage });
  const note = file.note ? { note: file.note } : {};
  const path = file.path !== undefined ? { path: file.path } : {};
  switch (classified.kind) {
    case 'refused':
      return { ok: false, message: classified.message };
    case 'text': {
      const text = classified.text.startsWith('\uFEFF') ? classified.text.slice(1) : classified.text;
      const tooLong = textLengthProblem(name, text.length, limits.maxChars);
      if (tooLong) return { ok: false, message: tooLong };
      const language = file.language ?? languageOfPath(name);
      const lines = lineCount(text);
      const block = markAsContext({ type: 'text' as const, text: contextBlockText({ kind: 'file', path: file.path ?? name, language, startLine: 1, endLine: lines }, text) });
      return { ok: true, attachment: { block, chip: { id, kind: 'text', name, ...path, detail: `${language} · ${lines} ${lines === 1 ? 'line' : 'lines'}`, ...note } } };
    }
    case 'image': {
      const { mediaType, width, height } = classified.image;
      const problem = imageProblem(name, bytes.length, { width, height });
      if (problem) return { ok: false, message: problem };
      const data = Buffer.from(bytes).toString('base64');
      const block = markAsContext({ type: 'image' as const, source: { type: 'base64' as const, media_type: mediaType, data } });
      const dims = width !== undefined && height !== undefined ? ` · ${width}×${height}` : '';
      const thumbnail = bytes.length <= THUMBNAIL_MAX_BYTES ? { thumbnail: `data:${mediaType};base64,${data}` } : {};
      const detail = `${mediaType.slice('image/'.length).toUpperCase()}${dims} · ${formatBytes(bytes.length)}`;
      return { ok: true, attachment: { block, chip: { id, kind: 'image', name, ...path, detail, ...thumbnail, ...note } } };
    }
    case 'pdf': {
      const data = Buffer.from(bytes).toString('base64');
      const block = markAsContext({
        type: 'document' as const,
        source: { type: 'base64', media_type: 'application/pdf', data },
        title: name,
        citations: { enabled: limits.citations },
      });
      return { ok: true, attachment: { block, chip: { id, kind: 'document', name, ...path, detail: `PDF · ${formatBytes(bytes.length)}`, ...note } } };
    }
  }
}

export interface SelectionInput {
  path: string;
  language: string;
  text: string;
  startLine: number;
  endLine: number;
}

/** The selection as a text attachment (file, language, line range), in the context block format. */
export function buildSelectionAttachment(id: string, selection: SelectionInput, limits: Pick<AttachLimits, 'maxChars'>): AttachResult {
  const name = `${selection.path.split('/').pop() ?? selection.path}:${selection.startLine}-${selection.endLine}`;
  const tooLong = textLengthProblem(`The selection in ${selection.path}`, selection.text.length, limits.maxChars);
  if (tooLong) return { ok: false, message: tooLong };
  const text = contextBlockText({ kind: 'selection', path: selection.path, language: selection.language, startLine: selection.startLine, endLine: selection.endLine }, selection.text);
  const lines = selection.endLine - selection.startLine + 1;
  return {
    ok: true,
    attachment: {
      block: markAsContext({ type: 'text', text }),
      chip: { id, kind: 'text', name, path: selection.path, detail: `${selection.language} · selection, ${lines} ${lines === 1 ? 'line' : 'lines'}` },
    },
  };
}
