import assert from 'node:assert/strict';
import type { ViewTurn } from '../../../src/common/protocol';
import { SLICE_MS } from '../../../src/webview/render/slice';
import { assistantTurn, chatState, manualFrames, openPage, userTurn } from './harness';

/** A long reply: numbered paragraphs, lists, code fences and tables, so every kind of block is cut. */
function longReply(sections: number): string {
  const parts: string[] = [];
  for (let i = 1; i <= sections; i++) {
    parts.push(
      `## Part ${i}\n\nParagraph ${i} says *something* with \`code ${i}\` and a [link](https://example.com/${i}).\n\n` +
        `- item ${i}.a\n- item ${i}.b\n\n` +
        '```ts\n' + `const value${i} = ${i};\n` + '```\n\n' +
        `| n | square |\n|---|---|\n| ${i} | ${i * i} |\n`,
    );
  }
  return parts.join('\n');
}

const headings = (root: ParentNode): string[] => Array.from(root.querySelectorAll('[data-block-type="text"] h2')).map((h) => h.textContent ?? '');

describe('webview sliced rebuild (a long saved reply drawn over several frames)', () => {
  const turns: ViewTurn[] = [userTurn('u1', 'Explain everything.'), assistantTurn('a1', [{ type: 'thinking', thinking: longReply(20).replace(/Part/g, 'Step'), signature: 'sig' }, { type: 'text', text: longReply(60) }]), userTurn('u2', 'Thanks'), assistantTurn('a2', [{ type: 'text', text: 'You are **welcome**.' }])];

  it('draws a prefix in order each frame, and ends with exactly the DOM of drawing it whole', () => {
    // The reference: no clock, so the rebuild is drawn whole in one go.
    const whole = openPage();
    whole.send({ type: 'init', state: chatState({ turns }) });
    const expected = whole.app.layout.turns.innerHTML;
    assert.equal(headings(whole.app.layout.turns).length, 60);

    // Sliced: a clock that moves on a few ms per reading, so each slice runs out after a few passes.
    let now = 0;
    const frames = manualFrames();
    const page = openPage(undefined, () => ({ requestFrame: frames.requestFrame, clock: () => (now += SLICE_MS / 4) }));
    page.send({ type: 'init', state: chatState({ turns }) });
    const seen: number[] = [];
    for (let frame = 0; frame < 1000 && frames.waiting() > 0; frame++) {
      const drawn = headings(page.app.layout.turns);
      assert.deepEqual(drawn, drawn.map((_, i) => `Part ${i + 1}`), 'what is drawn is a prefix of the reply, in order');
      assert.equal(page.$('[data-turn-id="a2"] [data-block-type="text"]')?.textContent?.trim() ?? '', '', 'the later turn waits for the long one');
      seen.push(drawn.length);
      frames.run();
    }
    assert.ok(seen.length > 3, `drawn over several frames (${seen.length})`);
    assert.ok(seen.every((n, i) => i === 0 || n >= (seen[i - 1] ?? 0)), 'each frame adds to what is drawn');
    assert.equal(frames.waiting(), 0, 'the slicing stops once everything is drawn');
    assert.equal(page.app.layout.turns.innerHTML, expected);
    assert.equal(page.$$('[data-turn-id="a1"] [data-block-type="thinking"] h2').length, 20, 'the thinking block is drawn whole too');
    assert.equal(page.$('[data-turn-id="a2"] strong')?.textContent, 'welcome');
  });

  it('keeps streamed text that arrives during a sliced draw, in order after what was there', () => {
    let now = 0;
    const frames = manualFrames();
    const page = openPage(undefined, () => ({ requestFrame: frames.requestFrame, clock: () => (now += SLICE_MS / 4) }));
    const text = longReply(40);
    page.send({ type: 'init', state: chatState({ turns: [userTurn('u1', 'Go on.'), assistantTurn('a1', [{ type: 'text', text }], { status: 'streaming' })], activeRequestId: 'r1' }) });
    assert.ok(frames.waiting() > 0, 'not all drawn in the first slice');
    page.app.handle({ type: 'blockOps', requestId: 'r1', turnId: 'a1', ops: [{ op: 'append', index: 0, field: 'text', text: '\n\n## Part 41\n\nThe end.' }] });
    for (let frame = 0; frame < 1000 && frames.waiting() > 0; frame++) frames.run();
    const drawn = headings(page.app.layout.turns);
    assert.deepEqual(drawn, Array.from({ length: 41 }, (_, i) => `Part ${i + 1}`));
    assert.match(page.$('[data-turn-id="a1"]')?.textContent ?? '', /The end\.\s*$/);
  });
});
