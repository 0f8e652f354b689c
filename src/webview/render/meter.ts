/**
 * The token meter by the prompt: the next request's input tokens against the model's context
 * window, "12.3k / 200k tokens", marked "≈ … (estimate)" when the endpoint did not count them.
 *
 * The bar is a native `<meter>` (value, low, high and max are attributes), so its fill and colour
 * need no inline style, which the view's CSP forbids; the stylesheet colours it with theme
 * variables through the meter's own pseudo-elements.
 */
import type { ContextMeterState } from '../../common/protocol';
import { h } from '../dom';
import { formatCompactTokens, formatPercent, formatTokens } from '../format';

/** From this share of the window on the meter turns to a warning colour, and from `FULL` to an error colour. */
export const METER_HIGH = 0.75;
export const METER_FULL = 0.9;

/** How full the window is: `ok`, `high` (warning colour) or `full` (error colour). */
export type MeterLevel = 'ok' | 'high' | 'full';

/** The level for a count against a window (a window of 0 is unknown: always `ok`). */
export function meterLevel(meter: ContextMeterState): MeterLevel {
  if (meter.contextWindow <= 0) return 'ok';
  const ratio = meter.inputTokens / meter.contextWindow;
  if (ratio >= METER_FULL) return 'full';
  return ratio >= METER_HIGH ? 'high' : 'ok';
}

/** The meter's text: "12.3k / 200k tokens", or "≈ 12.3k / 200k tokens (estimate)". */
export function meterText(meter: ContextMeterState): string {
  // A window of 0 is one nobody knows (a model missing from every table): the count stands alone.
  const window = meter.contextWindow > 0 ? ` / ${formatCompactTokens(meter.contextWindow)}` : '';
  const figures = `${formatCompactTokens(meter.inputTokens)}${window} tokens`;
  return meter.estimated ? `≈ ${figures} (estimate)` : figures;
}

/** The tooltip (and accessible description): exact figures and where they come from. */
export function meterTitle(meter: ContextMeterState): string {
  const share = meter.contextWindow > 0 ? ` (${formatPercent(meter.inputTokens / meter.contextWindow)} of the context window)` : '';
  const source = meter.estimated
    ? 'A local estimate: the endpoint did not count them.'
    : 'Counted by the endpoint (count_tokens).';
  const of = meter.contextWindow > 0 ? ` of ${formatTokens(meter.contextWindow)}` : '';
  return `The next request: ${formatTokens(meter.inputTokens)}${of} input tokens${share}. ${source}`;
}

/** The meter element; hidden until the host has a count or an estimate. */
export class ContextMeterView {
  readonly el: HTMLElement;
  private readonly bar: HTMLMeterElement;
  private readonly text: HTMLElement;

  constructor(doc: Document) {
    this.bar = h(doc, 'meter', { class: 'context-meter-bar', min: 0, max: 1, value: 0, 'aria-hidden': 'true' });
    this.text = h(doc, 'span', { class: 'context-meter-text' });
    this.el = h(doc, 'div', { class: 'context-meter', 'data-testid': 'context-meter', hidden: true }, this.bar, this.text);
  }

  update(meter: ContextMeterState | undefined): void {
    if (!meter) {
      this.el.hidden = true;
      for (const name of ['data-input-tokens', 'data-context-window', 'data-estimated', 'data-level', 'title', 'aria-label']) this.el.removeAttribute(name);
      return;
    }
    const max = Math.max(meter.contextWindow, 1);
    this.bar.max = max;
    this.bar.low = Math.round(max * METER_HIGH);
    this.bar.high = Math.round(max * METER_FULL);
    this.bar.optimum = 0;
    this.bar.value = Math.min(meter.inputTokens, max);
    this.text.textContent = meterText(meter);
    this.el.hidden = false;
    this.el.setAttribute('data-input-tokens', String(meter.inputTokens));
    this.el.setAttribute('data-context-window', String(meter.contextWindow));
    this.el.setAttribute('data-estimated', String(meter.estimated));
    this.el.setAttribute('data-level', meterLevel(meter));
    this.el.title = meterTitle(meter);
    this.el.setAttribute('aria-label', meterTitle(meter));
  }
}
