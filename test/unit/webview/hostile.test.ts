import * as assert from 'node:assert/strict';
import { assistantTurn, chatState, openPage, userTurn } from './harness';
import { HOSTILE_PAYLOADS, hostileAssistantTurn, hostileToolResultTurn, unsafeFindings } from './hostileCorpus';

describe('webview: hostile model output in every model-controlled field', () => {
  it('has a corpus of at least 60 distinct payloads', () => {
    assert.ok(HOSTILE_PAYLOADS.length >= 60, `${HOSTILE_PAYLOADS.length} payloads`);
    assert.equal(new Set(HOSTILE_PAYLOADS.map((p) => p.payload)).size, HOSTILE_PAYLOADS.length);
  });

  it('the check finds what it looks for (so a clean result means something)', () => {
    const root = openPage().doc.createElement('div');
    root.innerHTML = '<a href=" JaVa&#x09;Script:x">a</a><b onclick="x">b</b><form></form><a href="#top">t</a>';
    assert.deepEqual(unsafeFindings(root), [
      '<form>',
      'href on <a>:  JaVa\tScript:x',
      'non-web href on <a>:  JaVa\tScript:x',
      'onclick on <b>',
      'non-web href on <a>: #top',
    ]);
  });

  const page = openPage();
  for (const { name, payload } of HOSTILE_PAYLOADS) {
    it(`renders ${name} inert, and the next message still renders`, () => {
      page.send({ type: 'init', state: chatState({ turns: [userTurn('u1', payload), hostileToolResultTurn('u2', payload), hostileAssistantTurn('a1', payload)] }) });
      const turns = page.app.layout.turns;
      assert.equal(turns.querySelectorAll('[data-testid="message"]').length, 3);
      assert.deepEqual(unsafeFindings(turns), []);
      assert.equal(turns.querySelector('.error-message')?.textContent, payload, 'the payload was rendered, as text');
      // Copy/Insert come only from real code blocks, never from markup in the reply.
      assert.equal(turns.querySelectorAll('[data-action="insert-code"]').length, turns.querySelectorAll('.code-block').length);
      page.send({ type: 'turnAdded', turn: assistantTurn('a2', [{ type: 'text', text: 'Next **reply**' }]) });
      assert.equal(page.$('[data-turn-id="a2"] strong')?.textContent, 'reply');
    });
  }
});
