/**
 * Rules about `image` and `document` blocks: the media types the API takes, base64 that decodes,
 * bytes that are what the media type says, the per-image size and dimension limits, and (under
 * `2026-10-21`) no documents in assistant messages. Images inside `tool_result` content are checked
 * too, with the path the API names (`messages.3.content.0.tool_result.content.1.image…`).
 */
import { isRecord } from '../http';
import { allBlocks, messagesOf, pathOf } from './conversation';
import { decodeBase64, sniffImage } from './imageBytes';
import { ALL_MODELS, invalid } from './types';
import type { ApiRefusal, Rule, RuleRequest } from './types';

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const MAX_IMAGE_SIDE = 8000;

interface ImageAt {
  path: string;
  source: Record<string, unknown>;
}

/** Every image with a base64 source, top-level or inside a tool_result, with its error path. */
function base64Images(body: Record<string, unknown>): ImageAt[] {
  const images: ImageAt[] = [];
  for (const located of allBlocks(body)) {
    const { block } = located;
    const nested = block.type === 'tool_result' && Array.isArray(block.content) ? (block.content as unknown[]) : [];
    const candidates: Array<[string, unknown]> = [[pathOf(located), block], ...nested.map((inner, i): [string, unknown] => [`${pathOf(located)}.tool_result.content.${i}`, inner])];
    for (const [path, candidate] of candidates) {
      if (!isRecord(candidate) || candidate.type !== 'image' || !isRecord(candidate.source) || candidate.source.type !== 'base64') continue;
      images.push({ path: `${path}.image.source.base64`, source: candidate.source });
    }
  }
  return images;
}

function firstImageRefusal(request: RuleRequest, check: (image: ImageAt) => ApiRefusal | undefined): ApiRefusal | undefined {
  for (const image of base64Images(request.body)) {
    const refusal = check(image);
    if (refusal) return refusal;
  }
  return undefined;
}

export const IMAGE_MEDIA_TYPE_RULE: Rule = {
  id: 'image-media-type',
  appliesTo: ALL_MODELS,
  source: "API error \"…image.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'\" (github.com/anthropics/claude-code/issues/2438, /3073); reference §1.3 image",
  check: (request) =>
    firstImageRefusal(request, ({ path, source }) =>
      IMAGE_TYPES.includes(String(source.media_type)) ? undefined : invalid(`${path}.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'`),
    ),
};

export const IMAGE_BASE64_RULE: Rule = {
  id: 'image-base64',
  appliesTo: ALL_MODELS,
  source: 'API error "…image.source.base64: invalid base64 data" (github.com/anthropics/anthropic-sdk-typescript/issues/603)',
  check: (request) =>
    firstImageRefusal(request, ({ path, source }) => (typeof source.data === 'string' && decodeBase64(source.data) ? undefined : invalid(`${path}: invalid base64 data`))),
};

export const IMAGE_MATCHES_TYPE_RULE: Rule = {
  id: 'image-media-type-mismatch',
  appliesTo: ALL_MODELS,
  source:
    'API errors "…image.source.base64: The image was specified using the image/jpeg media type, but the image appears to be a image/png image" (github.com/vybestack/llxprt-code/issues/2130, 2026) and, for bytes that are no image, "…image.source.base64.data: Image does not match the provided media type image/png" (github.com/anthropics/claude-code/issues/6300)',
  check: (request) =>
    firstImageRefusal(request, ({ path, source }) => {
      const bytes = decodeBase64(String(source.data)) ?? Buffer.alloc(0);
      const sniffed = sniffImage(bytes);
      if (!sniffed) return invalid(`${path}.data: Image does not match the provided media type ${String(source.media_type)}`);
      if (sniffed.mediaType === source.media_type) return undefined;
      return invalid(`${path}: The image was specified using the ${String(source.media_type)} media type, but the image appears to be a ${sniffed.mediaType} image`);
    }),
};

export const IMAGE_SIZE_RULE: Rule = {
  id: 'image-size',
  appliesTo: ALL_MODELS,
  source:
    'API errors "…image.source.base64: image exceeds 5 MB maximum: 15908784 bytes > 5242880 bytes" (github.com/anthropics/claude-code/issues/10612) and "…image.source.base64.data: At least one of the image dimensions exceed max allowed size: 8000 pixels" (github.com/anthropics/claude-code/issues/4778); reference §1.3 image (5 MB, 8000 px)',
  check: (request) =>
    firstImageRefusal(request, ({ path, source }) => {
      const bytes = decodeBase64(String(source.data)) ?? Buffer.alloc(0);
      if (bytes.length > MAX_IMAGE_BYTES) return invalid(`${path}: image exceeds 5 MB maximum: ${bytes.length} bytes > ${MAX_IMAGE_BYTES} bytes`);
      const sniffed = sniffImage(bytes);
      if ((sniffed?.width ?? 0) > MAX_IMAGE_SIDE || (sniffed?.height ?? 0) > MAX_IMAGE_SIDE) {
        return invalid(`${path}.data: At least one of the image dimensions exceed max allowed size: ${MAX_IMAGE_SIDE} pixels`);
      }
      return undefined;
    }),
};

export const DOCUMENT_SOURCE_RULE: Rule = {
  id: 'document-source',
  appliesTo: ALL_MODELS,
  source: "SDK Base64PDFSource (media_type: 'application/pdf') and PlainTextSource (media_type: 'text/plain'); reference §1.3 document. The wording follows the API's validation errors for other literals; not re-checked",
  check: ({ body }) => {
    for (const located of allBlocks(body)) {
      const { block } = located;
      if (block.type !== 'document' || !isRecord(block.source)) continue;
      const source = block.source;
      const path = `${pathOf(located)}.document.source`;
      if (source.type === 'base64') {
        if (source.media_type !== 'application/pdf') return invalid(`${path}.base64.media_type: Input should be 'application/pdf'`);
        const bytes = typeof source.data === 'string' ? decodeBase64(source.data) : undefined;
        if (!bytes) return invalid(`${path}.base64: invalid base64 data`);
        if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') return invalid(`${path}.base64.data: The PDF specified was not valid.`);
      } else if (source.type === 'text' && source.media_type !== 'text/plain') {
        return invalid(`${path}.text.media_type: Input should be 'text/plain'`);
      }
    }
    return undefined;
  },
};

export const DOCUMENT_IN_ASSISTANT_RULE: Rule = {
  id: 'document-in-assistant-2026-10-21',
  appliesTo: ALL_MODELS,
  source: 'https://platform.claude.com/docs/en/api/versioning (reference §1.3 document: "Under 2026-10-21 a document block directly in an assistant message → 400"); the wording is a paraphrase',
  check: ({ body, headers }) => {
    if (headers['anthropic-version'] !== '2026-10-21') return undefined;
    const messages = messagesOf(body);
    for (const located of allBlocks(body)) {
      const message = messages[located.message];
      if (located.block.type === 'document' && isRecord(message) && message.role === 'assistant') {
        return invalid(`${pathOf(located)}: document blocks are not allowed in assistant messages (anthropic-version 2026-10-21)`);
      }
    }
    return undefined;
  },
};

/** The API's limit on a Messages or count_tokens request body. */
export const MAX_REQUEST_BYTES = 32 * 1024 * 1024;

/**
 * The 413 the API's edge answers for a body over 32 MB: no `type: "error"` and no `request_id` in
 * the body, unlike every other error (github.com/anthropics/claude-code/issues/14567,
 * github.com/anthropics/anthropic-sdk-python/issues/938; reference §1 limits).
 */
export const REQUEST_TOO_LARGE_BODY = { error: { type: 'request_too_large', message: 'Request exceeds the maximum size' } };
