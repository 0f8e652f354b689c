import assert from 'node:assert/strict';
import type { DisposableLike } from '../../src/common/disposeAll';
import { describeDisposeError, disposeAll, disposeAllReporting, DisposeError } from '../../src/common/disposeAll';

/** Disposables that note their disposal in `log`; the named ones throw after noting it. */
function disposables(log: string[], names: string[], failing: string[]): DisposableLike[] {
  return names.map((name) => ({
    dispose: () => {
      log.push(name);
      if (failing.includes(name)) throw new Error(`${name} broke`);
    },
  }));
}

function thrownBy(action: () => void): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  assert.fail('expected a throw');
}

describe('disposeAll', () => {
  it('disposes every item in order and returns quietly when none throws', () => {
    const log: string[] = [];
    disposeAll(disposables(log, ['a', 'b', 'c'], []));
    assert.deepEqual(log, ['a', 'b', 'c']);
  });

  it('keeps disposing after a disposer throws, then throws one error with every failure', () => {
    const log: string[] = [];
    const error = thrownBy(() => disposeAll(disposables(log, ['a', 'b', 'c', 'd'], ['b', 'd'])));
    assert.deepEqual(log, ['a', 'b', 'c', 'd'], 'the items after a failing one are still disposed');
    assert.ok(error instanceof DisposeError);
    assert.ok(error instanceof AggregateError);
    assert.deepEqual((error.errors as Error[]).map((e) => e.message), ['b broke', 'd broke']);
    assert.equal(error.message, '2 disposers failed: b broke; d broke');
  });

  it('lists the failures of nested disposals, not the owners that passed them on', () => {
    const log: string[] = [];
    const owner: DisposableLike = { dispose: () => disposeAll(disposables(log, ['inner1', 'inner2'], ['inner1', 'inner2'])) };
    const error = thrownBy(() => disposeAll([owner, ...disposables(log, ['outer'], ['outer'])]));
    assert.ok(error instanceof DisposeError);
    assert.deepEqual((error.errors as Error[]).map((e) => e.message), ['inner1 broke', 'inner2 broke', 'outer broke']);
    assert.deepEqual(log, ['inner1', 'inner2', 'outer']);
  });

  it('keeps what was thrown when it is not an Error', () => {
    // Third-party disposers may throw anything.
    const error = thrownBy(() => disposeAll([{ dispose: () => { throw 'a string'; } }]));
    assert.ok(error instanceof DisposeError);
    assert.deepEqual(error.errors, ['a string']);
    assert.equal(error.message, 'A disposer failed: a string');
  });
});

describe('disposeAllReporting', () => {
  it('reports every failure once, with its stack, after disposing everything', () => {
    const log: string[] = [];
    const reports: DisposeError[] = [];
    disposeAllReporting(disposables(log, ['a', 'b', 'c'], ['a', 'c']), (error) => reports.push(error));
    assert.deepEqual(log, ['a', 'b', 'c']);
    assert.equal(reports.length, 1);
    const text = describeDisposeError(reports[0]!);
    assert.match(text, /^2 disposers failed:\nError: a broke\n\s+at /);
    assert.match(text, /\nError: c broke\n\s+at /);
  });

  it('reports nothing when nothing fails', () => {
    const reports: DisposeError[] = [];
    disposeAllReporting(disposables([], ['a'], []), (error) => reports.push(error));
    assert.deepEqual(reports, []);
  });
});
