import assert from 'node:assert/strict';
import { FRAME_MS } from '../../../src/common/protocol';
import { DrawScheduler } from '../../../src/webview/drawScheduler';
import { assistantTurn, chatState, manualFrames, openPage, userTurn } from './harness';

describe('webview draw scheduling (streamed ops)', () => {
  it('draws a sparse stream at once and a dense one once per frame', () => {
    const frames = manualFrames();
    let now = 0;
    let draws = 0;
    const scheduler = new DrawScheduler(frames.requestFrame, () => draws++, () => now);
    scheduler.request();
    now += 1;
    scheduler.request();
    assert.equal(draws, 2, 'a reply\'s first ops are drawn at once');
    assert.equal(frames.waiting(), 0);
    for (let i = 0; i < 5; i++) {
      now += 1;
      scheduler.request();
    }
    assert.equal(draws, 2, 'a dense stream waits for the frame');
    assert.equal(frames.waiting(), 1, 'one frame is asked for, however many ops arrive');
    now += FRAME_MS;
    frames.run();
    assert.equal(draws, 3);
    now += 3 * FRAME_MS;
    scheduler.request();
    assert.equal(draws, 4, 'after a pause, at once again');
  });

  it('without a clock, every draw waits for its frame', () => {
    const frames = manualFrames();
    let draws = 0;
    const scheduler = new DrawScheduler(frames.requestFrame, () => draws++, undefined);
    scheduler.request();
    scheduler.request();
    assert.equal(draws, 0);
    frames.run();
    assert.equal(draws, 1);
  });

  it('puts a reply\'s first text in the DOM in the task that brought it, with a clock', () => {
    const frames = manualFrames();
    let now = 0;
    const page = openPage(undefined, () => ({ requestFrame: frames.requestFrame, clock: () => now }));
    page.send({ type: 'init', state: chatState({ turns: [userTurn('u1', 'Hi')] }) });
    page.app.handle({ type: 'turnAdded', turn: assistantTurn('a1', [], { status: 'streaming' }), requestId: 'r1' });
    now += 100;
    page.app.handle({ type: 'blockOps', requestId: 'r1', turnId: 'a1', ops: [{ op: 'set', index: 0, block: { type: 'text', text: 'Hello' } }] });
    const text = (): string => (page.$('[data-turn-id="a1"] [data-block-type="text"]')?.textContent ?? '').trim();
    assert.equal(text(), 'Hello', 'drawn without waiting for a frame');
    now += 1;
    page.app.handle({ type: 'blockOps', requestId: 'r1', turnId: 'a1', ops: [{ op: 'append', index: 0, field: 'text', text: ', world' }] });
    now += 1;
    page.app.handle({ type: 'blockOps', requestId: 'r1', turnId: 'a1', ops: [{ op: 'append', index: 0, field: 'text', text: '!' }] });
    assert.equal(text(), 'Hello, world', 'the second message still went at once (the burst)');
    frames.run();
    assert.equal(text(), 'Hello, world!', 'the third waited for the frame');
  });
});
