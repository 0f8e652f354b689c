/**
 * What a file's bytes are, as far as an attachment cares: text (valid UTF-8 without NUL bytes), an
 * image the API takes (by magic bytes, never by name or a claimed type), a PDF (`%PDF-`), or
 * something to refuse, with a message that names the file and says why.
 */
import { looksLikeSvg, readImageInfo, unsupportedImageType, type ImageInfo } from './imageInfo';

export type Classified =
  | { kind: 'text'; text: string }
  | { kind: 'image'; image: ImageInfo }
  | { kind: 'pdf' }
  | { kind: 'refused'; message: string };

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** Strict UTF-8 (a lone byte of another encoding fails), without NUL (binary formats are full of them). */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return text;
  } catch {
    return undefined;
  }
}

/**
 * Classifies a file's bytes. `name` only names the file in a refusal.
 * @param options.asImage the bytes were offered as an image (a paste or drop): an SVG is refused
 *   as an image type the API does not take, instead of being attached as its XML text.
 */
export function classifyBytes(name: string, bytes: Uint8Array, options: { asImage?: boolean } = {}): Classified {
  const image = readImageInfo(bytes);
  if (image) return { kind: 'image', image };
  if (PDF_MAGIC.every((b, i) => bytes[i] === b)) return { kind: 'pdf' };
  const other = unsupportedImageType(bytes);
  if (other) return { kind: 'refused', message: unsupportedImageMessage(name, other) };
  const text = decodeText(bytes);
  if (text !== undefined) {
    if (options.asImage && looksLikeSvg(text)) return { kind: 'refused', message: unsupportedImageMessage(name, 'SVG') };
    if (options.asImage) return { kind: 'refused', message: `${name} is not an image Claude can read: only PNG, JPEG, GIF and WebP images can be attached.` };
    return { kind: 'text', text };
  }
  return {
    kind: 'refused',
    message: `${name} is a binary file that is neither an image (PNG, JPEG, GIF, WebP) nor a PDF, so it cannot be attached. Attach text files, images or PDFs.`,
  };
}

function unsupportedImageMessage(name: string, type: string): string {
  return `${name} is a ${type} image; Claude reads PNG, JPEG, GIF and WebP images only. Convert it to PNG or JPEG and attach it again.`;
}
