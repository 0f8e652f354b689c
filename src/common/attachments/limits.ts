/**
 * The limits an attachment must meet before anything is sent, each with a message that says the
 * limit and what was found. Image limits are the API's (5 MB of image data per image, 8000 px per
 * side); the request limit is the API's 32 MB body; file size is the user's setting.
 */

/** The API's per-image limit on the decoded image bytes. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** The API's limit on an image's longest side, in pixels. */
export const MAX_IMAGE_SIDE = 8000;
/** The API's limit on a Messages (and count_tokens) request body. */
export const MAX_REQUEST_BYTES = 32 * 1024 * 1024;
/** The API's limit on a PDF document's pages is 100; its bytes count against the request limit. */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** `1.2 MB`, `340 KB`, `12 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** The refusal for a file over `claudeMessages.attachmentMaxBytes`, or undefined when it fits. */
export function fileSizeProblem(name: string, size: number, maxBytes: number): string | undefined {
  if (size <= maxBytes) return undefined;
  return `${name} is too large to attach: ${formatBytes(size)}, and the limit is ${formatBytes(maxBytes)} (claudeMessages.attachmentMaxBytes).`;
}

/** The refusal for a text file over `claudeMessages.contextFileMaxChars`, or undefined when it fits. */
export function textLengthProblem(name: string, chars: number, maxChars: number): string | undefined {
  if (chars <= maxChars) return undefined;
  return `${name} is too long to attach: ${chars.toLocaleString('en-US')} characters, and the limit is ${maxChars.toLocaleString('en-US')} (claudeMessages.contextFileMaxChars). Select the part you need and use Add Selection to Chat.`;
}

/** The refusal for an image over the API's size or dimension limits, or undefined when it fits. */
export function imageProblem(name: string, bytes: number, size: { width?: number; height?: number }): string | undefined {
  if (bytes > MAX_IMAGE_BYTES) {
    return `${name} is too large for Claude: ${formatBytes(bytes)}, and the API takes images up to ${formatBytes(MAX_IMAGE_BYTES)}. Downscale it (or paste it into the chat, which downscales) and attach it again.`;
  }
  const { width, height } = size;
  if ((width ?? 0) > MAX_IMAGE_SIDE || (height ?? 0) > MAX_IMAGE_SIDE) {
    return `${name} is ${width} × ${height} pixels; the API takes images up to ${MAX_IMAGE_SIDE} pixels on each side. Downscale it and attach it again.`;
  }
  return undefined;
}

/** The refusal for a request body over the API's 32 MB, measured on the JSON that would be sent. */
export function requestSizeProblem(bodyBytes: number): string | undefined {
  if (bodyBytes <= MAX_REQUEST_BYTES) return undefined;
  return `This message was not sent: the request would be ${formatBytes(bodyBytes)}, and the API takes at most ${formatBytes(MAX_REQUEST_BYTES)}. Remove an attachment, or start a new chat so earlier attachments are not sent again.`;
}

/** The size in bytes of the JSON text of `body`, as it goes on the wire (UTF-8). */
export function jsonBodyBytes(body: unknown): number {
  return Buffer.byteLength(JSON.stringify(body), 'utf8');
}
