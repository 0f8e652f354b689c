import assert from 'node:assert/strict';
import { executeEditorCommand } from '../../../src/common/edits/editorTool';
import { resolveOpenFileOnly } from '../../../src/common/edits/openFileGuard';

describe('edits/openFileGuard (no workspace folder open)', () => {
  const open = '/home/u/notes.md';

  it('accepts the open file by its absolute path or its name', () => {
    const expected = { ok: true, absolute: open, relative: 'notes.md', root: '/home/u' };
    assert.deepEqual(resolveOpenFileOnly(open, open), expected);
    assert.deepEqual(resolveOpenFileOnly('notes.md', open), expected);
    assert.deepEqual(resolveOpenFileOnly('./notes.md', open), expected);
  });

  it('refuses every other path, the file\'s folder and its neighbours included', () => {
    for (const path of ['.ssh/id_rsa', '/home/u/.ssh/id_rsa', '.', '/home/u', '../u/other.md', 'NOTES.md', '/etc/passwd', '']) {
      const r = resolveOpenFileOnly(path, open);
      assert.equal(r.ok, false, path);
      if (!r.ok && path !== '') assert.match(r.reason, /No workspace folder is open, so only the open file \/home\/u\/notes\.md can be viewed or edited.*Nothing was read or changed\.$/);
    }
    assert.equal(resolveOpenFileOnly(3, open).ok, false);
    assert.equal(resolveOpenFileOnly('notes.md\0', open).ok, false);
  });

  it('compares Windows paths without case', () => {
    const r = resolveOpenFileOnly('c:\\USERS\\u\\Notes.md', 'C:\\Users\\u\\notes.md');
    assert.ok(r.ok);
    assert.equal(r.absolute, 'C:\\Users\\u\\notes.md');
    assert.equal(resolveOpenFileOnly('C:\\Users\\u\\.ssh\\id_rsa', 'C:\\Users\\u\\notes.md').ok, false);
  });

  it('gives the tool an is_error result for any other file, and works on the open one', () => {
    const files = new Map([[open, '# notes\n'], ['/home/u/.ssh/id_rsa', 'SECRET\n']]);
    const ctx = {
      resolvePath: (p: string) => resolveOpenFileOnly(p, open),
      getDocument: (r: { absolute: string }) => {
        const text = files.get(r.absolute);
        return text === undefined ? undefined : { text };
      },
      allowCreate: true,
    };
    const leak = executeEditorCommand({ command: 'view', path: '.ssh/id_rsa' }, ctx);
    assert.equal(leak.isError, true);
    assert.doesNotMatch(leak.content, /SECRET/);
    assert.equal(executeEditorCommand({ command: 'create', path: 'new.md', file_text: 'x' }, ctx).isError, true);
    const edit = executeEditorCommand({ command: 'str_replace', path: open, old_str: '# notes', new_str: '# Notes' }, ctx);
    assert.equal(edit.isError, false, edit.content);
    assert.equal(edit.edit?.after, '# Notes\n');
  });
});
