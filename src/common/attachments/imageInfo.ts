/**
 * Image type and pixel size read from the first bytes of a file, for the formats the Messages API
 * takes (PNG, JPEG, GIF, WebP), and recognition of common ones it does not (BMP, TIFF, SVG, ICO,
 * HEIC/AVIF), so a refusal can name the type. Pure: bytes in, facts out.
 */

/** The image media types the API accepts in an `image` block's base64 source. */
export const API_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type ApiImageType = (typeof API_IMAGE_TYPES)[number];

export interface ImageInfo {
  mediaType: ApiImageType;
  /** Pixel size, when the header says it (undefined for a truncated or odd header). */
  width?: number;
  height?: number;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + prefix.length) return false;
  return prefix.every((b, i) => bytes[offset + i] === b);
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function u16be(b: Uint8Array, o: number): number {
  return ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
}
function u16le(b: Uint8Array, o: number): number {
  return (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
}
function u24le(b: Uint8Array, o: number): number {
  return u16le(b, o) | ((b[o + 2] ?? 0) << 16);
}
function u32be(b: Uint8Array, o: number): number {
  return ((b[o] ?? 0) * 0x1000000) + (((b[o + 1] ?? 0) << 16) | ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0));
}

/** The API image type and size of `bytes`, or undefined when they are not PNG, JPEG, GIF or WebP. */
export function readImageInfo(bytes: Uint8Array): ImageInfo | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    // IHDR is the first chunk: width and height are big-endian at 16 and 20.
    return bytes.length >= 24 ? { mediaType: 'image/png', width: u32be(bytes, 16), height: u32be(bytes, 20) } : { mediaType: 'image/png' };
  }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mediaType: 'image/jpeg', ...jpegSize(bytes) };
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) {
    return bytes.length >= 10 ? { mediaType: 'image/gif', width: u16le(bytes, 6), height: u16le(bytes, 8) } : { mediaType: 'image/gif' };
  }
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return { mediaType: 'image/webp', ...webpSize(bytes) };
  return undefined;
}

/** The first start-of-frame marker holds the size (height first). */
function jpegSize(bytes: Uint8Array): { width?: number; height?: number } {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return {};
    const marker = bytes[offset + 1] ?? 0;
    // Fill bytes between markers.
    if (marker === 0xff) {
      offset++;
      continue;
    }
    const length = u16be(bytes, offset + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { height: u16be(bytes, offset + 5), width: u16be(bytes, offset + 7) };
    offset += 2 + length;
  }
  return {};
}

function webpSize(bytes: Uint8Array): { width?: number; height?: number } {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8X' && bytes.length >= 30) return { width: u24le(bytes, 24) + 1, height: u24le(bytes, 27) + 1 };
  if (chunk === 'VP8 ' && bytes.length >= 30) return { width: u16le(bytes, 26) & 0x3fff, height: u16le(bytes, 28) & 0x3fff };
  if (chunk === 'VP8L' && bytes.length >= 25) {
    const b = bytes;
    const width = 1 + ((b[21] ?? 0) | (((b[22] ?? 0) & 0x3f) << 8));
    const height = 1 + ((((b[22] ?? 0) & 0xc0) >> 6) | ((b[23] ?? 0) << 2) | (((b[24] ?? 0) & 0x0f) << 10));
    return { width, height };
  }
  return {};
}

/** The name of an image type the API does not take, when the bytes are one (for the refusal). */
export function unsupportedImageType(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, [0x42, 0x4d]) && bytes.length > 14) return 'BMP';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'TIFF';
  if (startsWith(bytes, [0x00, 0x00, 0x01, 0x00])) return 'ICO';
  if (ascii(bytes, 4, 4) === 'ftyp') {
    const brand = ascii(bytes, 8, 4);
    if (brand.startsWith('avi')) return 'AVIF';
    if (brand.startsWith('hei') || brand.startsWith('mif')) return 'HEIC';
  }
  return undefined;
}

/** Whether a text looks like an SVG image (the API takes no vector images). */
export function looksLikeSvg(text: string): boolean {
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(text.slice(0, 2048));
}
