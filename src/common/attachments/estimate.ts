/**
 * A local estimate of a request's input tokens, for when `count_tokens` is not available: about
 * four characters per token for text, an image by its pixel area (width × height / 750, capped as
 * the API resizes large images), a PDF by its pages (text plus a page image each).
 */
import { readImageInfo } from './imageInfo';

const CHARS_PER_TOKEN = 4;
/** The API scales an image down to about this many tokens at most. */
const MAX_IMAGE_TOKENS = 1600;
/** Per PDF page: its extracted text and the page as an image, roughly. */
const TOKENS_PER_PDF_PAGE = 2000;

/** Pages of a PDF, counted from its page objects (at least 1). */
export function pdfPageCount(bytes: Uint8Array): number {
  const text = Buffer.from(bytes).toString('latin1');
  const pages = text.match(/\/Type\s*\/Page(?![a-zA-Z])/g);
  return Math.max(1, pages?.length ?? 0);
}

/** Tokens of one base64 image, from its dimensions when the header tells them. */
export function imageTokens(base64: string): number {
  const info = readImageInfo(Buffer.from(base64.slice(0, 4096), 'base64'));
  if (!info?.width || !info.height) return MAX_IMAGE_TOKENS;
  return Math.max(1, Math.min(MAX_IMAGE_TOKENS, Math.ceil((info.width * info.height) / 750)));
}

export function pdfTokens(base64: string): number {
  return pdfPageCount(Buffer.from(base64, 'base64')) * TOKENS_PER_PDF_PAGE;
}

/** The estimate for a whole request body: binary sources by kind, everything else by its JSON text. */
export function estimateRequestTokens(body: unknown): number {
  let binary = 0;
  const json = JSON.stringify(body, (_key, value: unknown) => {
    const source = value as { type?: unknown; media_type?: unknown; data?: unknown } | null;
    if (source && typeof source === 'object' && source.type === 'base64' && typeof source.data === 'string') {
      binary += source.media_type === 'application/pdf' ? pdfTokens(source.data) : imageTokens(source.data);
      return { type: 'base64', media_type: source.media_type };
    }
    return value;
  });
  return binary + Math.ceil(json.length / CHARS_PER_TOKEN);
}
