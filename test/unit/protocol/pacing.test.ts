import assert from 'node:assert/strict';
import { BURST, FRAME_MS, FramePacer } from '../../../src/common/protocol';

describe('FramePacer (when streamed ops are posted and drawn)', () => {
  it('lets a burst go at once after a pause, then only what the frames earn', () => {
    let now = 1_000;
    const pacer = new FramePacer(() => now);
    for (let i = 0; i < BURST; i++) assert.equal(pacer.takeNow(), true, `action ${i} of the burst`);
    assert.equal(pacer.takeNow(), false, 'the burst is spent');
    now += FRAME_MS / 2;
    assert.equal(pacer.takeNow(), false, 'half a frame earns no action');
    now += FRAME_MS / 2;
    assert.equal(pacer.takeNow(), true, 'a whole frame earns one');
    assert.equal(pacer.takeNow(), false);
    now += 10 * FRAME_MS;
    for (let i = 0; i < BURST; i++) assert.equal(pacer.takeNow(), true, 'a long pause earns the burst again');
    assert.equal(pacer.takeNow(), false, 'and no more than the burst');
  });

  it('counts an action that waited for its frame, so a dense stream stays at one per frame', () => {
    let now = 0;
    const pacer = new FramePacer(() => now);
    while (pacer.takeNow()) now += 1;
    // Dense: an op every millisecond, each flush on its frame. Sends at once stay rare.
    let atOnce = 0;
    let frames = 0;
    for (let t = 0; t < 100 * FRAME_MS; t += FRAME_MS) {
      now += FRAME_MS;
      pacer.tookFrame();
      frames++;
      if (pacer.takeNow()) atOnce++;
    }
    assert.equal(frames, 100);
    assert.equal(atOnce, 0, 'an action on every frame leaves no credit for one at once');
  });

  it('survives a clock that goes backwards without earning anything', () => {
    let now = 500;
    const pacer = new FramePacer(() => now);
    while (pacer.takeNow()) now += 0;
    now -= 400;
    assert.equal(pacer.takeNow(), false);
  });
});
