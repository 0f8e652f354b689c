/** Cases for the request-level checks: body shape, unknown models, max_tokens, count_tokens fields. */
import { countRequest, request, user } from './ruleCases';
import type { RuleCase } from './ruleCases';

const HI = [user('Hi')];

export const REQUEST_CASES: readonly RuleCase[] = [
  {
    rule: 'body-shape', title: 'a content block that is not an object',
    bad: request('claude-sonnet-5', [user(['Hi'])]),
    fixed: request('claude-sonnet-5', [user([{ type: 'text', text: 'Hi' }])]),
    message: 'messages.0.content.0: Input should be a valid dictionary with a `type`',
  },
  {
    rule: 'unknown-model', title: 'a retired model id (a dated snapshot of a served one is fine)',
    bad: request('claude-3-5-sonnet-20241022', HI),
    fixed: request('claude-sonnet-4-5-20250929', HI),
    status: 404, type: 'not_found_error',
    message: 'model: claude-3-5-sonnet-20241022',
  },
  {
    rule: 'unknown-model', title: 'on count_tokens too',
    path: '/v1/messages/count_tokens',
    bad: countRequest('claude-sonnet-6', HI),
    fixed: countRequest('claude-sonnet-5-5', HI),
    status: 404, type: 'not_found_error',
    message: 'model: claude-sonnet-6',
  },
  {
    rule: 'max-tokens-limit', title: 'more output than Sonnet 4.5 can write',
    bad: request('claude-sonnet-4-5', HI, { max_tokens: 100_000 }),
    fixed: request('claude-sonnet-4-5', HI, { max_tokens: 64_000 }),
    message: 'max_tokens: 100000 > 64000, which is the maximum allowed number of output tokens for claude-sonnet-4-5',
  },
  {
    rule: 'count-tokens-fields', title: 'max_tokens sent to count_tokens',
    path: '/v1/messages/count_tokens',
    bad: countRequest('claude-sonnet-5', HI, { max_tokens: 1000 }),
    fixed: countRequest('claude-sonnet-5', HI, { system: 'Be brief.', thinking: { type: 'adaptive' }, output_config: { effort: 'low' } }),
    message: 'max_tokens: Extra inputs are not permitted',
  },
  {
    rule: 'count-tokens-fields', title: 'stream sent to count_tokens',
    path: '/v1/messages/count_tokens',
    bad: countRequest('claude-sonnet-5', HI, { stream: true }),
    fixed: countRequest('claude-sonnet-5', HI),
    message: 'stream: Extra inputs are not permitted',
  },
];
