/**
 * Usage lines: per turn (exact figures in data attributes, for tests and tooling) and the
 * conversation totals with the cache hit rate.
 */
import type { ConversationTotals, TurnCost, Usage } from '../../common/protocol';
import { h } from '../dom';
import { formatDollars, formatPercent, formatTokens } from '../format';

function item(doc: Document, text: string, title: string): HTMLElement {
  return h(doc, 'span', { class: 'usage-item', title }, text);
}

/** `[data-testid="usage"]` for a finished assistant turn. */
export function usageElement(doc: Document, usage: Usage, cost: TurnCost | undefined): HTMLElement {
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const cacheWrite = usage.cache_creation_input_tokens ?? 0;
  const write5m = usage.cache_creation?.ephemeral_5m_input_tokens ?? 0;
  const write1h = usage.cache_creation?.ephemeral_1h_input_tokens ?? 0;
  const searches = usage.server_tool_use?.web_search_requests ?? 0;
  const fetches = usage.server_tool_use?.web_fetch_requests ?? 0;
  const el = h(doc, 'div', {
    class: 'usage',
    'data-testid': 'usage',
    'data-input-tokens': usage.input_tokens,
    'data-output-tokens': usage.output_tokens,
    'data-cache-read-tokens': cacheRead,
    'data-cache-creation-tokens': cacheWrite,
  });
  const parts: HTMLElement[] = [
    item(doc, `in ${formatTokens(usage.input_tokens)}`, 'Input tokens not read from or written to the cache'),
    item(doc, `cache read ${formatTokens(cacheRead)}`, 'Input tokens read from the prompt cache'),
    item(
      doc,
      `cache write ${formatTokens(cacheWrite)}${write5m || write1h ? ` (5m ${formatTokens(write5m)}, 1h ${formatTokens(write1h)})` : ''}`,
      'Input tokens written to the prompt cache (5-minute and 1-hour lifetimes)',
    ),
    item(doc, `out ${formatTokens(usage.output_tokens)}`, 'Output tokens (thinking included)'),
  ];
  if (searches) parts.push(item(doc, `${searches} web search${searches === 1 ? '' : 'es'}`, 'Web search requests (billed per search)'));
  if (fetches) parts.push(item(doc, `${fetches} web fetch${fetches === 1 ? '' : 'es'}`, 'Web fetch requests'));
  if (cost?.dollars !== undefined) parts.push(item(doc, formatDollars(cost.dollars), 'Cost of this turn'));
  parts.forEach((part, i) => {
    if (i > 0) el.append(' · ');
    el.append(part);
  });
  return el;
}

/** The conversation totals footer's content. */
export function totalsContent(doc: Document, totals: ConversationTotals): HTMLElement[] {
  const parts = [
    item(doc, `in ${formatTokens(totals.inputTokens)}`, 'Input tokens in this conversation'),
    item(doc, `cache read ${formatTokens(totals.cacheReadTokens)}`, 'Tokens read from the prompt cache'),
    item(doc, `cache write ${formatTokens(totals.cacheCreationTokens)}`, 'Tokens written to the prompt cache'),
    item(doc, `out ${formatTokens(totals.outputTokens)}`, 'Output tokens in this conversation'),
    item(doc, `cache hit ${formatPercent(totals.cacheHitRate)}`, 'Share of prompt tokens read from the cache'),
  ];
  if (totals.dollars !== undefined) parts.push(item(doc, formatDollars(totals.dollars), 'Cost of this conversation'));
  return parts;
}

/** `[data-testid="totals"]`: the conversation totals; hidden while nothing was spent. */
export function renderTotals(el: HTMLElement, totals: ConversationTotals | undefined): void {
  const doc = el.ownerDocument;
  el.replaceChildren();
  const empty = !totals || totals.inputTokens + totals.outputTokens + totals.cacheReadTokens + totals.cacheCreationTokens === 0;
  el.hidden = empty;
  if (!totals || empty) return;
  el.append(h(doc, 'span', { class: 'totals-label' }, 'Conversation: '));
  totalsContent(doc, totals).forEach((part, i) => {
    if (i > 0) el.append(' · ');
    el.append(part);
  });
}
