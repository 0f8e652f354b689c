/**
 * Usage lines: one quiet line per turn (exact figures in data attributes, for tests and tooling),
 * and the conversation total as one short line. Only figures that are not zero are shown; every
 * figure, zeros and the cache-lifetime split included, is in the line's tooltip. A reply cut short
 * (Stop, a broken stream) never got its final count: its output and cost are estimates, marked "≈".
 */
import type { ConversationTotals, TurnCost, Usage, ViewTurn } from '../../common/protocol';
import { h } from '../dom';
import { formatDollars, formatPercent, formatTokens } from '../format';

const APPROX = '≈';

/** Joins the non-empty parts with " · ". */
function line(doc: Document, el: HTMLElement, parts: string[]): HTMLElement {
  el.append(doc.createTextNode(parts.filter((p) => p !== '').join(' · ')));
  return el;
}

/** The tooltip: every figure on its own line. */
function turnDetails(usage: Usage, cost: TurnCost | undefined, estimated: boolean): string {
  const write5m = usage.cache_creation?.ephemeral_5m_input_tokens ?? 0;
  const write1h = usage.cache_creation?.ephemeral_1h_input_tokens ?? 0;
  const rows = [
    `Input (not cached): ${formatTokens(usage.input_tokens)}`,
    `Cache read: ${formatTokens(usage.cache_read_input_tokens ?? 0)}`,
    `Cache write: ${formatTokens(usage.cache_creation_input_tokens ?? 0)} (5m ${formatTokens(write5m)}, 1h ${formatTokens(write1h)})`,
    `Output (thinking included): ${estimated ? APPROX : ''}${formatTokens(usage.output_tokens)}`,
    `Web searches: ${usage.server_tool_use?.web_search_requests ?? 0}, web fetches: ${usage.server_tool_use?.web_fetch_requests ?? 0}`,
    `Cost: ${cost?.dollars === undefined ? 'unknown for this model' : `${estimated ? APPROX : ''}${formatDollars(cost.dollars)}`}`,
  ];
  if (estimated) rows.push('The reply was cut short before the API sent its final count: output and cost are estimated from what arrived.');
  return rows.join('\n');
}

/** `[data-testid="usage"]` for a finished assistant turn. */
export function usageElement(doc: Document, turn: ViewTurn & { usage: Usage }): HTMLElement {
  const { usage, cost } = turn;
  const estimated = turn.usageEstimated === true;
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const cacheWrite = usage.cache_creation_input_tokens ?? 0;
  const searches = usage.server_tool_use?.web_search_requests ?? 0;
  const fetches = usage.server_tool_use?.web_fetch_requests ?? 0;
  const approx = estimated ? APPROX : '';
  const el = h(doc, 'div', {
    class: 'usage',
    'data-testid': 'usage',
    'data-input-tokens': usage.input_tokens,
    'data-output-tokens': usage.output_tokens,
    'data-cache-read-tokens': cacheRead,
    'data-cache-creation-tokens': cacheWrite,
    title: turnDetails(usage, cost, estimated),
    tabindex: 0,
  });
  if (estimated) el.setAttribute('data-estimated', 'true');
  return line(doc, el, [
    usage.input_tokens ? `in ${formatTokens(usage.input_tokens)}` : '',
    cacheRead ? `cache read ${formatTokens(cacheRead)}` : '',
    cacheWrite ? `cache write ${formatTokens(cacheWrite)}` : '',
    `out ${approx}${formatTokens(usage.output_tokens)}`,
    searches ? `${searches} web search${searches === 1 ? '' : 'es'}` : '',
    fetches ? `${fetches} web fetch${fetches === 1 ? '' : 'es'}` : '',
    cost?.dollars !== undefined ? `${approx}${formatDollars(cost.dollars)}` : '',
  ]);
}

/** The conversation total's tooltip: every figure. */
function totalsDetails(totals: ConversationTotals): string {
  return [
    `Input (not cached): ${formatTokens(totals.inputTokens)}`,
    `Cache read: ${formatTokens(totals.cacheReadTokens)}`,
    `Cache write: ${formatTokens(totals.cacheCreationTokens)}`,
    `Output: ${formatTokens(totals.outputTokens)}`,
    `Cache hit rate: ${formatPercent(totals.cacheHitRate)} of prompt tokens read from the cache`,
    `Cost: ${totals.dollars === undefined ? 'unknown for this model' : formatDollars(totals.dollars)}${totals.estimated ? ' (some replies were cut short: estimated)' : ''}`,
  ].join('\n');
}

/** `[data-testid="totals"]`: the conversation total in one short line; hidden while nothing was spent. */
export function renderTotals(el: HTMLElement, totals: ConversationTotals | undefined): void {
  const doc = el.ownerDocument;
  el.replaceChildren();
  const empty = !totals || totals.inputTokens + totals.outputTokens + totals.cacheReadTokens + totals.cacheCreationTokens === 0;
  el.hidden = empty;
  if (!totals || empty) return;
  el.title = totalsDetails(totals);
  const prompt = totals.inputTokens + totals.cacheReadTokens + totals.cacheCreationTokens;
  // The cost says it all when it is known; the token counts stand in for it when it is not.
  line(doc, el, [
    'Conversation',
    totals.dollars !== undefined
      ? `${totals.estimated ? APPROX : ''}${formatDollars(totals.dollars)}`
      : `${formatTokens(prompt)} in, ${formatTokens(totals.outputTokens)} out`,
    totals.cacheReadTokens ? `cache hit ${formatPercent(totals.cacheHitRate)}` : '',
  ]);
}
