import * as assert from 'node:assert/strict';
import { formatBytes, formatCompactTokens } from '../../../src/webview/format';
import { meterLevel, meterText, meterTitle } from '../../../src/webview/render/meter';
import { chatState, openPage } from './harness';

describe('webview token meter', () => {
  it('writes token counts short', () => {
    const cases: Array<[number, string]> = [[0, '0'], [950, '950'], [1000, '1k'], [12_345, '12.3k'], [200_000, '200k'], [999_949, '999.9k'], [999_960, '1M'], [1_000_000, '1M'], [1_234_567, '1.23M']];
    for (const [n, text] of cases) assert.equal(formatCompactTokens(n), text, String(n));
    assert.equal(formatBytes(1536), '1.5 KB');
    assert.equal(formatBytes(5 * 1024 * 1024), '5 MB');
  });

  it('says the count against the window, marked when estimated, and its level', () => {
    assert.equal(meterText({ inputTokens: 12_345, contextWindow: 200_000, estimated: false }), '12.3k / 200k tokens');
    assert.equal(meterText({ inputTokens: 12_345, contextWindow: 1_000_000, estimated: true }), '≈ 12.3k / 1M tokens (estimate)');
    assert.equal(meterText({ inputTokens: 950, contextWindow: 0, estimated: false }), '950 tokens', 'an unknown window is not shown as 0');
    assert.equal(meterLevel({ inputTokens: 950, contextWindow: 0, estimated: false }), 'ok');
    assert.equal(meterLevel({ inputTokens: 100, contextWindow: 200_000, estimated: false }), 'ok');
    assert.equal(meterLevel({ inputTokens: 150_000, contextWindow: 200_000, estimated: false }), 'high');
    assert.equal(meterLevel({ inputTokens: 180_000, contextWindow: 200_000, estimated: false }), 'full');
    assert.equal(meterLevel({ inputTokens: 250_000, contextWindow: 200_000, estimated: false }), 'full');
    assert.equal(meterTitle({ inputTokens: 12_345, contextWindow: 200_000, estimated: true }), 'The next request: 12,345 of 200,000 input tokens (6% of the context window). A local estimate: the endpoint did not count them.');
  });

  it('shows the host’s meter by the prompt with data-input-tokens, and hides it when there is none', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState() });
    const meter = page.$('[data-testid="context-meter"]');
    assert.ok(meter);
    assert.equal(meter.hidden, true);
    assert.equal(meter.hasAttribute('data-input-tokens'), false);
    page.send({ type: 'contextMeter', meter: { inputTokens: 160_500, contextWindow: 200_000, estimated: false } });
    assert.equal(meter.hidden, false);
    assert.equal(meter.getAttribute('data-input-tokens'), '160500');
    assert.equal(meter.getAttribute('data-level'), 'high');
    assert.equal(meter.textContent, '160.5k / 200k tokens');
    const bar = meter.querySelector('meter');
    assert.equal(bar?.getAttribute('aria-hidden'), 'true', 'the text says it; the bar is decoration');
    assert.equal(meter.closest('.composer'), page.$('.composer'), 'it sits in the composer, by the prompt');
    page.send({ type: 'init', state: chatState({ meter: { inputTokens: 42, contextWindow: 200_000, estimated: true } }) });
    assert.equal(page.$('[data-testid="context-meter"]')?.textContent, '≈ 42 / 200k tokens (estimate)');
    page.send({ type: 'contextMeter', meter: undefined });
    assert.equal(meter.hidden, true);
    assert.equal(meter.hasAttribute('data-input-tokens'), false);
  });

  it('tells the host each draft change (it debounces), and a restored draft once after init', () => {
    const page = openPage({ draft: 'half a question' });
    assert.equal(page.api.of('draftChanged').length, 0, 'nothing before init');
    page.send({ type: 'init', state: chatState() });
    assert.deepEqual(page.api.of('draftChanged'), [{ type: 'draftChanged', text: 'half a question' }]);
    const box = page.$<HTMLTextAreaElement>('[data-testid="prompt"]')!;
    for (const text of ['h', 'he', 'hel']) {
      box.value = text;
      box.dispatchEvent(new page.win.Event('input', { bubbles: true }));
    }
    assert.deepEqual(page.api.of('draftChanged').slice(1).map((m) => m.text), ['h', 'he', 'hel']);
    box.dispatchEvent(new page.win.KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    assert.deepEqual(page.api.posted.slice(-2), [{ type: 'send', text: 'hel' }, { type: 'draftChanged', text: '' }], 'after sending, the draft is empty: the host recounts that');
    const empty = openPage();
    empty.send({ type: 'init', state: chatState() });
    assert.equal(empty.api.of('draftChanged').length, 0, 'an empty draft: the host counts without being told');
  });
});
