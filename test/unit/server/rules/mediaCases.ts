/** Rule cases for image and document blocks (rules/media.ts). */
import { png as pngBytes, jpeg as jpegBytes, pdf as pdfBytes } from '../../attachments/images';
import { request, text, user, type RuleCase } from './ruleCases';

const MODEL = 'claude-sonnet-5';
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const image = (mediaType: string, data: string): Record<string, unknown> => ({ type: 'image', source: { type: 'base64', media_type: mediaType, data } });
const pdfDocument = (mediaType: string, data: string): Record<string, unknown> => ({ type: 'document', source: { type: 'base64', media_type: mediaType, data }, title: 'r.pdf' });
const PNG = b64(pngBytes(20, 10));
const JPEG = b64(jpegBytes(20, 10));
const PDF = b64(pdfBytes(1));
const withImage = (block: Record<string, unknown>): Record<string, unknown> => request(MODEL, [user([block, text('What is this?')])]);

export const MEDIA_CASES: RuleCase[] = [
  {
    rule: 'image-media-type',
    title: 'an image media type the API does not take (BMP)',
    bad: withImage(image('image/bmp', PNG)),
    fixed: withImage(image('image/png', PNG)),
    message: "messages.0.content.0.image.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'",
  },
  {
    rule: 'image-base64',
    title: 'image data that is not base64',
    bad: withImage(image('image/png', 'not base64!')),
    fixed: withImage(image('image/png', PNG)),
    message: 'messages.0.content.0.image.source.base64: invalid base64 data',
  },
  {
    rule: 'image-media-type-mismatch',
    title: 'a PNG sent as image/jpeg',
    bad: withImage(image('image/jpeg', PNG)),
    fixed: withImage(image('image/jpeg', JPEG)),
    message: 'messages.0.content.0.image.source.base64: The image was specified using the image/jpeg media type, but the image appears to be a image/png image',
  },
  {
    rule: 'image-media-type-mismatch',
    title: 'bytes that are no image at all',
    bad: withImage(image('image/png', b64(Buffer.from('hello, world')))),
    fixed: withImage(image('image/png', PNG)),
    message: 'messages.0.content.0.image.source.base64.data: Image does not match the provided media type image/png',
  },
  {
    rule: 'image-size',
    title: 'an image over 8000 pixels on a side',
    bad: withImage(image('image/png', b64(pngBytes(8001, 20)))),
    fixed: withImage(image('image/png', b64(pngBytes(8000, 20)))),
    message: 'messages.0.content.0.image.source.base64.data: At least one of the image dimensions exceed max allowed size: 8000 pixels',
  },
  {
    rule: 'image-size',
    title: 'an image over 5 MB',
    bad: withImage(image('image/png', b64(pngBytes(100, 100, 5 * 1024 * 1024)))),
    fixed: withImage(image('image/png', PNG)),
    message: `messages.0.content.0.image.source.base64: image exceeds 5 MB maximum: ${33 + 5 * 1024 * 1024} bytes > 5242880 bytes`,
  },
  {
    rule: 'document-source',
    title: 'a base64 document that is not a PDF media type',
    bad: request(MODEL, [user([pdfDocument('application/msword', PDF), text('Summarise')])]),
    fixed: request(MODEL, [user([pdfDocument('application/pdf', PDF), text('Summarise')])]),
    message: "messages.0.content.0.document.source.base64.media_type: Input should be 'application/pdf'",
  },
  {
    rule: 'document-source',
    title: 'a "PDF" whose bytes are not one',
    bad: request(MODEL, [user([pdfDocument('application/pdf', b64(Buffer.from('plain text'))), text('Summarise')])]),
    fixed: request(MODEL, [user([pdfDocument('application/pdf', PDF), text('Summarise')])]),
    message: 'messages.0.content.0.document.source.base64.data: The PDF specified was not valid.',
  },
  {
    rule: 'document-in-assistant-2026-10-21',
    title: 'a document block in an assistant message under 2026-10-21',
    headers: { 'anthropic-version': '2026-10-21' },
    bad: request(MODEL, [user('Read'), { role: 'assistant', content: [pdfDocument('application/pdf', PDF)] }, user('Go on')]),
    fixed: request(MODEL, [user([pdfDocument('application/pdf', PDF), text('Read')]), { role: 'assistant', content: [text('Read it.')] }, user('Go on')]),
    message: 'messages.1.content.0: document blocks are not allowed in assistant messages (anthropic-version 2026-10-21)',
  },
];
