/** Rules about what message content may hold: no empty messages or text blocks, signed thinking. */
import { isRecord } from '../http';
import { allBlocks, messagesOf, pathOf } from './conversation';
import { SYSTEM_MESSAGES } from './families';
import { ALL_MODELS, except, invalid } from './types';
import type { ApiRefusal, Rule } from './types';

function isEmptyContent(content: unknown): boolean {
  return content === '' || (Array.isArray(content) && content.length === 0);
}

/** Messages with empty content ('' or []); only a final assistant message may be empty. */
export const EMPTY_CONTENT_RULE: Rule = {
  id: 'empty-content',
  appliesTo: ALL_MODELS,
  source: 'API error "all messages must have non-empty content except for the optional final assistant message"; SDK MessageCreateParams.messages (reference §1.2)',
  check: ({ body }) => {
    const messages = messagesOf(body);
    const index = messages.findIndex((message, at) => {
      if (!isRecord(message) || !isEmptyContent(message.content)) return false;
      return !(at === messages.length - 1 && message.role === 'assistant');
    });
    return index < 0 ? undefined : invalid(`messages.${index}: all messages must have non-empty content except for the optional final assistant message`);
  },
};

function hasEmptyTextBlock(content: unknown): boolean {
  // String content is the whole message, covered by empty-content; only blocks are checked here.
  return Array.isArray(content) && content.some((block: unknown) => isRecord(block) && block.type === 'text' && block.text === '');
}

/** `text` blocks whose text is '' (in messages and in the system prompt). */
export const EMPTY_TEXT_RULE: Rule = {
  id: 'empty-text-block',
  appliesTo: ALL_MODELS,
  source: 'API error "text content blocks must be non-empty" (reference §1.3 text blocks)',
  check: ({ body }) => {
    if (hasEmptyTextBlock(body.system)) return invalid('system: text content blocks must be non-empty');
    const messages = messagesOf(body);
    return messages.some((message) => isRecord(message) && hasEmptyTextBlock(message.content))
      ? invalid('messages: text content blocks must be non-empty')
      : undefined;
  },
};

/** Thinking blocks sent back without their signature (missing or empty). */
export const THINKING_SIGNATURE_RULE: Rule = {
  id: 'thinking-signature',
  appliesTo: ALL_MODELS,
  source: 'SDK ThinkingBlockParam.signature (required; blocks pass back unmodified, else 400); reference §1.3 thinking',
  check: ({ body }): ApiRefusal | undefined => {
    for (const located of allBlocks(body)) {
      if (located.block.type !== 'thinking') continue;
      const signature = located.block.signature;
      if (typeof signature !== 'string') return invalid(`${pathOf(located)}.thinking.signature: Field required`);
      if (signature === '') return invalid(`${pathOf(located)}: Invalid \`signature\` in \`thinking\` block`);
    }
    return undefined;
  },
};

/** A mid-conversation `role: "system"` message on a model that does not take them. */
export const SYSTEM_MESSAGE_RULE: Rule = {
  id: 'system-message',
  appliesTo: except(SYSTEM_MESSAGES, 'every model but Opus 5, Opus 4.8, Fable 5.1, Mythos 5.1, Sonnet 5.5'),
  source: 'reference §1.2 "Mid-conversation role:system messages" (SKILL prompt-caching.md; sonnet-5-5 migration guide)',
  check: ({ body }) =>
    messagesOf(body).some((message) => isRecord(message) && message.role === 'system')
      ? invalid("role 'system' is not supported on this model")
      : undefined,
};
