/**
 * Images the view attaches from the clipboard or a drop, made to fit the API before they are sent.
 *
 * The limits (shared/reference/messages-api.md §1.3): an image may be at most 5 MB and 8000 px on
 * its long edge, and the newest models read images through a high-resolution tier of at most
 * 2576 px on the long edge. The view scales anything longer than 2576 px down to 2576 px: the
 * API would shrink it to that size anyway (older models shrink further, to about 1568 px), so
 * the extra pixels cost upload time and request bytes (32 MB per request, and every follow-up
 * sends the image again) and buy nothing. Scaling to the 8000 px limit instead would keep
 * screenshots of up to 5 MB byte-identical, but a 4K screenshot would then cost about twice the
 * bytes for the same answer. Above 5 MB the image is also scaled by the square root of the byte
 * ratio (bytes grow with area), with a margin, and re-encoded until it fits.
 *
 * Types the API does not take (BMP, SVG, TIFF, …) are sent as they are: the host refuses them
 * with its message, so the refusal is said in one place.
 */

/** The API's per-image limits, and the long edge the newest models read at most. */
export const IMAGE_LIMITS = { maxBytes: 5 * 1024 * 1024, maxEdge: 8000, modelEdge: 2576 } as const;

/** Types the view can decode and re-encode (GIF is re-encoded as PNG: canvas cannot write GIF). */
const SCALABLE = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);
/** Re-encoding quality for JPEG and WebP: visually lossless for screenshots and photos. */
const QUALITY = 0.9;
/** Bytes do not fall exactly with area; aim a little under the limit. */
const BYTES_MARGIN = 0.9;

export interface ScalePlan {
  width: number;
  height: number;
}

/**
 * The size to scale an image to before sending, or undefined when it fits as it is: at most
 * `modelEdge` on the long edge, and for more than `maxBytes`, an area smaller by the byte ratio.
 */
export function planImageScale(width: number, height: number, bytes: number): ScalePlan | undefined {
  const longEdge = Math.max(width, height);
  if (!(longEdge > 0)) return undefined;
  let scale = Math.min(1, IMAGE_LIMITS.modelEdge / longEdge);
  if (bytes > IMAGE_LIMITS.maxBytes) scale = Math.min(scale, Math.sqrt(IMAGE_LIMITS.maxBytes / bytes) * BYTES_MARGIN);
  if (scale >= 1) return undefined;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** What the chip says about a scaled image. */
export function downscaleNote(from: ScalePlan, to: ScalePlan, mediaTypeChanged: string | undefined): string {
  const why = Math.max(from.width, from.height) > IMAGE_LIMITS.modelEdge
    ? `the model reads at most ${IMAGE_LIMITS.modelEdge} px on the long edge`
    : 'the API takes images of at most 5 MB';
  const type = mediaTypeChanged ? `, as ${mediaTypeChanged.replace('image/', '').toUpperCase()}` : '';
  return `Downscaled from ${from.width}×${from.height} to ${to.width}×${to.height}${type} before sending: ${why}.`;
}

/** An image ready to send: its type, bytes as base64, and what the chip should say about it. */
export interface PreparedImage {
  mediaType: string;
  base64: string;
  note?: string;
  /** A small JPEG preview for the chip (`data:image/jpeg;base64,…`), when the image could be decoded. */
  thumbnail?: string;
}

/** The chip shows images at 28 px; twice that covers high-density screens. */
const THUMBNAIL_EDGE = 64;

/** The window's parts this module uses (a real browser's; tests give a fake). */
export interface ImageWindow {
  createImageBitmap(image: Blob): Promise<ImageBitmap>;
  OffscreenCanvas?: typeof OffscreenCanvas;
  btoa(data: string): string;
}

/** Base64 of a Blob's bytes (in chunks: a spread of millions of arguments overflows the stack). */
export async function blobToBase64(win: Pick<ImageWindow, 'btoa'>, blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return win.btoa(binary);
}

/** Scales the image when it is too large (see the top of this file); otherwise sends its bytes as they are. */
export async function prepareImage(win: ImageWindow, image: Blob): Promise<PreparedImage> {
  const asIs = async (): Promise<PreparedImage> => ({ mediaType: image.type, base64: await blobToBase64(win, image) });
  if (!SCALABLE.has(image.type) || !win.OffscreenCanvas) return asIs();
  let bitmap: ImageBitmap;
  try {
    bitmap = await win.createImageBitmap(image);
  } catch {
    return asIs(); // Not decodable here: the host (or the API) says what is wrong with it.
  }
  try {
    const from = { width: bitmap.width, height: bitmap.height };
    const thumbnail = await thumbnailOf(win, win.OffscreenCanvas, bitmap);
    const plan = planImageScale(from.width, from.height, image.size);
    if (!plan) return { ...(await asIs()), ...thumbnail };
    const encoded = await encodeToFit(win.OffscreenCanvas, bitmap, plan, image.type === 'image/gif' ? 'image/png' : image.type);
    const changed = encoded.blob.type !== image.type ? encoded.blob.type : undefined;
    return { mediaType: encoded.blob.type, base64: await blobToBase64(win, encoded.blob), note: downscaleNote(from, encoded.size, changed), ...thumbnail };
  } finally {
    bitmap.close();
  }
}

/**
 * The thumbnail of an image the host attached from the workspace (`drawThumbnail`): decoded here,
 * since the host has no image decoder. Undefined when it cannot be decoded or drawn.
 */
export async function thumbnailFromDataUri(win: ImageWindow & { atob(data: string): string }, dataUri: string): Promise<string | undefined> {
  const match = /^data:(image\/[a-z0-9.+-]+);base64,(.*)$/i.exec(dataUri);
  if (!match || !win.OffscreenCanvas) return undefined;
  const binary = win.atob(match[2]!);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  let bitmap: ImageBitmap;
  try {
    bitmap = await win.createImageBitmap(new Blob([bytes], { type: match[1] }));
  } catch {
    return undefined;
  }
  try {
    return (await thumbnailOf(win, win.OffscreenCanvas, bitmap)).thumbnail;
  } finally {
    bitmap.close();
  }
}

/** A small JPEG of the image for its chip; nothing when the canvas cannot make one (the chip shows a mark). */
async function thumbnailOf(win: ImageWindow, Canvas: typeof OffscreenCanvas, bitmap: ImageBitmap): Promise<{ thumbnail?: string }> {
  const scale = Math.min(1, THUMBNAIL_EDGE / Math.max(bitmap.width, bitmap.height, 1));
  const size = { width: Math.max(1, Math.round(bitmap.width * scale)), height: Math.max(1, Math.round(bitmap.height * scale)) };
  try {
    const blob = await draw(Canvas, bitmap, size, 'image/jpeg');
    return { thumbnail: `data:image/jpeg;base64,${await blobToBase64(win, blob)}` };
  } catch {
    return {};
  }
}

/**
 * Draws the bitmap at `plan` and encodes it; while the result is still over 5 MB (noisy photos as
 * PNG), tries JPEG, then smaller sizes, a few times at most.
 */
async function encodeToFit(Canvas: typeof OffscreenCanvas, bitmap: ImageBitmap, plan: ScalePlan, type: string): Promise<{ blob: Blob; size: ScalePlan }> {
  let size = plan;
  let blob = await draw(Canvas, bitmap, size, type);
  for (let attempt = 0; attempt < 4 && blob.size > IMAGE_LIMITS.maxBytes; attempt++) {
    if (type !== 'image/jpeg') type = 'image/jpeg';
    else size = { width: Math.max(1, Math.round(size.width * 0.75)), height: Math.max(1, Math.round(size.height * 0.75)) };
    blob = await draw(Canvas, bitmap, size, type);
  }
  return { blob, size };
}

async function draw(Canvas: typeof OffscreenCanvas, bitmap: ImageBitmap, size: ScalePlan, type: string): Promise<Blob> {
  const canvas = new Canvas(size.width, size.height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d canvas context');
  // JPEG has no transparency: a transparent screenshot should turn white, not black.
  if (type === 'image/jpeg') {
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, size.width, size.height);
  }
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  return canvas.convertToBlob({ type, quality: QUALITY });
}
