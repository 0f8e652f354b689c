import * as assert from 'node:assert/strict';
import { CITED_FRAGMENTS, CITED_RESULTS, citedAnswer } from './citedAnswer';
import { freshChat, lastAssistant, openChat, screenshot, sendPrompt, setApiKeyThroughCommand, waitForStatus } from './chatView';
import { world } from './world';

describe('chat: cited answers', () => {
  before(async () => {
    await openChat();
    await setApiKeyThroughCommand('sk-ant-e2e-cited-key');
  });

  it('flows as one text with inline superscripts; focusing one shows the cited passage; the Sources list names each source', async () => {
    const frame = await freshChat();
    world().server.enqueue(citedAnswer());
    await sendPrompt(frame, 'How should a webview set its content security policy?');
    await waitForStatus(frame, 'done');
    const turn = lastAssistant(frame);
    const runs = turn.locator('.block-text');
    assert.equal(await runs.count(), 1, 'the seven text blocks are one text');
    const run = runs.first();
    assert.equal(await run.getAttribute('data-block-indexes'), '2-8');
    // Still one [data-block-type="text"] per content block (CONTRACT): an inline span each, in order.
    const blocks = await turn.locator('[data-block-type="text"]').evaluateAll((els) => els.map((el) => ({
      index: el.getAttribute('data-block-index'),
      tag: el.tagName,
      text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(),
    })));
    assert.equal(blocks.length, CITED_FRAGMENTS.length, 'one element per scripted text block');
    assert.deepEqual(blocks.map((block) => block.index), CITED_FRAGMENTS.map((_, i) => String(i + 2)), 'in block order');
    blocks.forEach((block, i) => {
      const fragment = (CITED_FRAGMENTS[i]?.text ?? '').replace(/\s+/g, ' ');
      assert.equal(block.tag, 'SPAN');
      assert.ok(block.text !== '' && fragment.includes(block.text), `block ${block.index} holds its own text: "${block.text}"`);
    });
    const paragraphs = await run.locator('p').evaluateAll((ps) => ps.map((p) => {
      const copy = p.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.citation-popover').forEach((popover) => popover.remove());
      return copy.textContent ?? '';
    }));
    assert.equal(paragraphs.length, 2, 'two paragraphs, as the model wrote them');
    for (const text of paragraphs) assert.doesNotMatch(text, /^\s*[,.;:]/, `no paragraph starts with punctuation: ${text}`);
    assert.match(paragraphs[0] ?? '', /needs1, while scripts .* names2\.$/, 'each marker right after its fragment');

    const markers = run.locator('[data-testid="citation"]');
    assert.deepEqual(await markers.allInnerTexts(), ['1', '2', '1'], 'one number per source');
    const popovers = run.locator('[data-testid="citation-popover"]');
    assert.equal(await popovers.nth(1).isVisible(), false, 'popovers are hidden until asked for');
    // Into the view first (a click on plain text), then the keyboard's focus onto the marker.
    await run.locator('p').first().click({ position: { x: 2, y: 2 } });
    await markers.nth(1).focus();
    await popovers.nth(1).waitFor({ state: 'visible', timeout: 5_000 });
    const shown = await popovers.nth(1).innerText();
    assert.match(shown, /A nonce-source allows a script only when/, 'the cited passage');
    assert.match(shown, /Content Security Policy \(CSP\) - MDN/, 'the source title');
    assert.match(shown, /developer\.mozilla\.org/, 'the source domain');
    assert.equal(await markers.nth(1).getAttribute('aria-describedby'), await popovers.nth(1).getAttribute('id'));
    await screenshot('cited-answer-focused', 'side-bar');

    const sources = turn.locator('[data-testid="sources"] [data-testid="source"]');
    assert.equal(await sources.count(), 2);
    const entries = await sources.allInnerTexts();
    CITED_RESULTS.forEach((hit, i) => {
      assert.ok(entries[i]?.includes(hit.title), `source ${i + 1} is titled: ${entries[i]}`);
      assert.ok(entries[i]?.includes(new URL(hit.url).hostname.replace(/^www\./, '')), `source ${i + 1} has its domain`);
    });
  });
});
