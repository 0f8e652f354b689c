/**
 * Reading a whole response body as text, with a size cap. `response.text()` buffers whatever the
 * server sends: a misbehaving proxy could answer an error with megabytes (or an endless body), and
 * an error message needs only the first few kilobytes.
 */

/** Enough for any API error body; more is a proxy's page, of which the start says everything. */
export const ERROR_BODY_CAP_BYTES = 64 * 1024;

/**
 * Whole successful JSON answers (a gateway's non-streamed message, a models page) can be large,
 * but not without bound.
 */
export const SUCCESS_BODY_CAP_BYTES = 32 * 1024 * 1024;

/** The text read, and whether the body went on beyond the cap (and was cancelled there). */
export interface CappedText {
  text: string;
  truncated: boolean;
}

/**
 * Reads `body` up to `capBytes`, then cancels it so the connection is released. The text is cut
 * at the cap (a UTF-8 character split there is dropped). Errors of the stream are thrown as is.
 */
export async function readCappedText(body: ReadableStream<Uint8Array> | null, capBytes: number): Promise<CappedText> {
  if (!body) return { text: '', truncated: false };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let truncated = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.byteLength;
      if (total > capBytes) {
        truncated = true;
        await reader.cancel().catch(() => undefined);
        break;
      }
    }
  } finally {
    reader.releaseLock();
  }
  return { text: decodeUpTo(chunks, capBytes), truncated };
}

function decodeUpTo(chunks: readonly Uint8Array[], capBytes: number): string {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let left = capBytes;
  for (const chunk of chunks) {
    if (left <= 0) break;
    const part = chunk.byteLength > left ? chunk.subarray(0, left) : chunk;
    left -= part.byteLength;
    text += decoder.decode(part, { stream: true });
  }
  return text;
}
