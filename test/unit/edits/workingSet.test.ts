import assert from 'node:assert/strict';
import { WorkingSet } from '../../../src/common/edits/workingSet';

describe('edits/workingSet', () => {
  it('shares one working copy for differently cased Windows paths, but not for POSIX ones', () => {
    const ws = new WorkingSet();
    const win = (absolute: string) => ({ ok: true as const, absolute, relative: 'a.ts', root: 'C:\\ws' });
    ws.open(win('C:\\ws\\a.ts'), 'x', '\n');
    ws.update(win('c:\\WS\\A.ts'), 'y');
    assert.equal(ws.get(win('C:\\ws\\a.ts'))?.text, 'y');
    const posix = (absolute: string) => ({ ok: true as const, absolute, relative: 'a.ts', root: '/ws' });
    ws.open(posix('/ws/a.ts'), 'x', '\n');
    assert.equal(ws.get(posix('/ws/A.ts')), undefined);
    assert.throws(() => ws.update(posix('/ws/B.ts'), 'z'), /was not opened/);
  });
});
