import * as assert from 'node:assert/strict';
import { ScrollFollower } from '../../../src/webview/scroll';
import { makeWindow } from './harness';

/** A scroller with layout numbers jsdom does not compute: content height and viewport height. */
function scroller(win: Window, content: { height: number }, viewport = 100) {
  const el = win.document.createElement('div');
  Object.defineProperty(el, 'scrollHeight', { get: () => content.height });
  Object.defineProperty(el, 'clientHeight', { get: () => viewport });
  let top = 0;
  Object.defineProperty(el, 'scrollTop', {
    get: () => top,
    set: (value: number) => {
      top = Math.max(0, Math.min(value, content.height - viewport));
    },
  });
  return el;
}

describe('webview auto-scroll', () => {
  it('follows new content at the bottom, stops when the reader scrolls up, and jumps back on request', () => {
    const win = makeWindow();
    const content = { height: 500 };
    const el = scroller(win, content);
    const jump = win.document.createElement('button');
    const saved: boolean[] = [];
    const follower = new ScrollFollower(el, jump, (stick) => saved.push(stick));
    follower.afterRender();
    assert.equal(el.scrollTop, 400, 'at the bottom');
    assert.equal(jump.hidden, true);

    content.height = 800;
    follower.afterRender();
    assert.equal(el.scrollTop, 700, 'followed the new content');

    el.scrollTop = 300;
    el.dispatchEvent(new win.Event('scroll'));
    content.height = 1000;
    follower.afterRender();
    assert.equal(el.scrollTop, 300, 'the reader is not yanked down');
    assert.equal(jump.hidden, false, 'jump to latest is offered');
    assert.equal(saved.at(-1), false);

    jump.click();
    assert.equal(el.scrollTop, 900);
    assert.equal(jump.hidden, true);
    content.height = 1100;
    follower.afterRender();
    assert.equal(el.scrollTop, 1000, 'following again');
  });

  it('counts a few pixels short of the bottom as the bottom', () => {
    const win = makeWindow();
    const content = { height: 500 };
    const el = scroller(win, content);
    const follower = new ScrollFollower(el, win.document.createElement('button'), () => undefined);
    el.scrollTop = 397;
    el.dispatchEvent(new win.Event('scroll'));
    content.height = 600;
    follower.afterRender();
    assert.equal(el.scrollTop, 500);
  });

  it('restores a saved position once the content drawn over several frames is tall enough, ignoring the clamped scrolls meanwhile', () => {
    const win = makeWindow();
    const content = { height: 300 };
    const el = scroller(win, content);
    const jump = win.document.createElement('button');
    const saved: boolean[] = [];
    const follower = new ScrollFollower(el, jump, (stick) => saved.push(stick));
    follower.restore(false, 1000);
    assert.equal(el.scrollTop, 200, 'clamped: only part of the reply is drawn');
    el.dispatchEvent(new win.Event('scroll'));
    assert.deepEqual(saved, [], 'the clamped scroll is not the reader leaving (nor reaching) the bottom');
    assert.equal(follower.following, false);
    content.height = 800;
    follower.afterRender();
    assert.equal(el.scrollTop, 700, 'still short');
    content.height = 1500;
    follower.afterRender();
    assert.equal(el.scrollTop, 1000, 'the saved position, once reachable');
    assert.equal(jump.hidden, false, 'jump to latest is offered');
    el.scrollTop = 1400;
    el.dispatchEvent(new win.Event('scroll'));
    assert.equal(saved.at(-1), true, 'the reader\'s own scrolls count again');
  });

  it('gives a pending position up as far as it goes once drawing settles', () => {
    const win = makeWindow();
    const content = { height: 300 };
    const el = scroller(win, content);
    const saved: boolean[] = [];
    const follower = new ScrollFollower(el, win.document.createElement('button'), (stick) => saved.push(stick));
    follower.restore(false, 1000);
    content.height = 600;
    follower.settled();
    assert.equal(el.scrollTop, 500);
    el.dispatchEvent(new win.Event('scroll'));
    assert.deepEqual(saved, [true], 'scrolls are the reader\'s again');
  });
});
