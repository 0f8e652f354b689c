import assert from 'node:assert/strict';
import { executeEditorCommand } from '../../../src/common/edits/editorTool';
import type { ToolOutcome } from '../../../src/common/edits/editorTool';
import { computeHunks } from '../../../src/common/edits/diff';
import { DEFAULT_MAX_CHARACTERS, textEditorTool } from '../../../src/common/edits/toolDefinition';
import { fakeWorkspace } from './fakeWorkspace';

const ok = (outcome: ToolOutcome): ToolOutcome => {
  assert.equal(outcome.isError, false, outcome.content);
  return outcome;
};
const err = (outcome: ToolOutcome, pattern: RegExp): void => {
  assert.equal(outcome.isError, true, `expected an error, got: ${outcome.content}`);
  assert.match(outcome.content, pattern);
  assert.equal(outcome.edit, undefined);
};

describe('edits/editorTool', () => {
  describe('input validation', () => {
    const { ctx } = fakeWorkspace({ '/ws/a.txt': 'x\n' });
    const cases: Array<[string, unknown, RegExp]> = [
      ['non-object input', 'view a.txt', /must be an object, got a string/],
      ['array input', ['view'], /must be an object, got an array/],
      ['null input', null, /must be an object, got null/],
      ['missing command', { path: 'a.txt' }, /"command" must be one of view, str_replace, insert, create/],
      ['unknown command', { command: 'delete', path: 'a.txt' }, /Unknown command "delete"/],
      ['undo_edit', { command: 'undo_edit', path: 'a.txt' }, /undo_edit is not supported/],
      ['missing path', { command: 'view' }, /"path" must be a string, got a undefined/],
      ['numeric path', { command: 'view', path: 3 }, /"path" must be a string, got a number/],
      ['bad view_range', { command: 'view', path: 'a.txt', view_range: [1] }, /"view_range" must be two integers/],
      ['non-integer view_range', { command: 'view', path: 'a.txt', view_range: [1, 2.5] }, /"view_range" must be two integers/],
      ['string view_range', { command: 'view', path: 'a.txt', view_range: '1-2' }, /"view_range" must be two integers/],
      ['missing old_str', { command: 'str_replace', path: 'a.txt', new_str: 'y' }, /"old_str" must be a string/],
      ['empty old_str', { command: 'str_replace', path: 'a.txt', old_str: '', new_str: 'y' }, /"old_str" is empty/],
      ['numeric new_str', { command: 'str_replace', path: 'a.txt', old_str: 'x', new_str: 1 }, /"new_str" must be a string, got a number/],
      ['missing insert_line', { command: 'insert', path: 'a.txt', insert_text: 'y' }, /"insert_line" must be an integer/],
      ['string insert_line', { command: 'insert', path: 'a.txt', insert_line: '1', insert_text: 'y' }, /"insert_line" must be an integer, got a string/],
      ['missing insert text', { command: 'insert', path: 'a.txt', insert_line: 1 }, /"insert_text" \(the text to insert\) is missing/],
      ['conflicting insert texts', { command: 'insert', path: 'a.txt', insert_line: 1, insert_text: 'a', new_str: 'b' }, /Both "insert_text" and "new_str"/],
      ['missing file_text', { command: 'create', path: 'b.txt' }, /"file_text" must be a string/],
    ];
    for (const [name, input, pattern] of cases) {
      it(`rejects ${name}`, () => {
        const outcome = executeEditorCommand(input, ctx);
        err(outcome, pattern);
        assert.match(outcome.content, /^Error: .*Nothing was changed\.$/s);
      });
    }
  });

  describe('view', () => {
    it('numbers lines like cat -n: right-aligned to six columns, then a tab', () => {
      const { ctx } = fakeWorkspace({ '/ws/a.txt': 'one\n\ttwo\nthree\n' });
      const out = ok(executeEditorCommand({ command: 'view', path: 'a.txt' }, ctx));
      assert.equal(out.content, '     1\tone\n     2\t\ttwo\n     3\tthree');
      assert.equal(out.edit, undefined);
    });

    it('shows the last line of a file without a trailing newline, and no phantom line after a final one', () => {
      const { ctx } = fakeWorkspace({ '/ws/a.txt': 'a\nb', '/ws/b.txt': 'a\nb\n' });
      assert.equal(ok(executeEditorCommand({ command: 'view', path: 'a.txt' }, ctx)).content, '     1\ta\n     2\tb');
      assert.equal(ok(executeEditorCommand({ command: 'view', path: 'b.txt' }, ctx)).content, '     1\ta\n     2\tb');
    });

    it('aligns numbers past 9 and shows CRLF files without carriage returns', () => {
      const text = Array.from({ length: 12 }, (_, i) => `l${i + 1}`).join('\r\n');
      const { ctx } = fakeWorkspace({ '/ws/a.txt': text });
      const out = ok(executeEditorCommand({ command: 'view', path: 'a.txt', view_range: [9, 10] }, ctx));
      assert.equal(out.content, '     9\tl9\n    10\tl10');
    });

    it('honours view_range with -1 meaning to the end, and accepts an absolute path inside the root', () => {
      const { ctx } = fakeWorkspace({ '/ws/a.txt': 'a\nb\nc\nd\n' });
      assert.equal(ok(executeEditorCommand({ command: 'view', path: '/ws/a.txt', view_range: [3, -1] }, ctx)).content, '     3\tc\n     4\td');
      assert.equal(ok(executeEditorCommand({ command: 'view', path: 'a.txt', view_range: [2, 2] }, ctx)).content, '     2\tb');
      assert.equal(ok(executeEditorCommand({ command: 'view', path: 'a.txt', view_range: [] }, ctx)).content.split('\n').length, 4);
    });

    it('rejects view_range out of range with the line count', () => {
      const { ctx } = fakeWorkspace({ '/ws/a.txt': 'a\nb\nc\n' });
      err(executeEditorCommand({ command: 'view', path: 'a.txt', view_range: [0, 2] }, ctx), /start 0 is out of range: a\.txt has 3 lines/);
      err(executeEditorCommand({ command: 'view', path: 'a.txt', view_range: [4, -1] }, ctx), /start 4 is out of range/);
      err(executeEditorCommand({ command: 'view', path: 'a.txt', view_range: [2, 5] }, ctx), /end 5 is out of range: it must be between 2 and 3/);
      err(executeEditorCommand({ command: 'view', path: 'a.txt', view_range: [3, 2] }, ctx), /end 2 is out of range/);
    });

    it('says an empty file is empty', () => {
      const { ctx } = fakeWorkspace({ '/ws/e.txt': '' });
      assert.match(ok(executeEditorCommand({ command: 'view', path: 'e.txt' }, ctx)).content, /e\.txt is empty/);
      err(executeEditorCommand({ command: 'view', path: 'e.txt', view_range: [1, 1] }, ctx), /has 0 lines/);
    });

    it('lists a directory through the callback and refuses a view_range on it', () => {
      const { ctx } = fakeWorkspace({}, { dirs: { '/ws/src': ['a.ts', 'lib/'] } });
      assert.equal(ok(executeEditorCommand({ command: 'view', path: 'src' }, ctx)).content, 'Files and directories in src:\na.ts\nlib/');
      err(executeEditorCommand({ command: 'view', path: 'src', view_range: [1, 2] }, ctx), /only applies to files/);
    });

    it('reports a missing file', () => {
      const { ctx } = fakeWorkspace({});
      err(executeEditorCommand({ command: 'view', path: 'nope.txt' }, ctx), /The file nope\.txt does not exist/);
    });

    it('clips long output at a line boundary when maxCharacters is set', () => {
      const text = Array.from({ length: 100 }, (_, i) => `line ${i + 1}`).join('\n');
      const { ctx } = fakeWorkspace({ '/ws/a.txt': text }, { maxCharacters: 60 });
      const out = ok(executeEditorCommand({ command: 'view', path: 'a.txt' }, ctx)).content;
      const lines = out.split('\n');
      assert.deepEqual(lines.slice(0, -1), ['     1\tline 1', '     2\tline 2', '     3\tline 3', '     4\tline 4']);
      assert.match(lines.at(-1) ?? '', /clipped.*view_range \[5, \.\.\.\]/);
    });

    it('clips at the default cap, the one the tool definition sends, when none is given', () => {
      const text = Array.from({ length: 5000 }, (_, i) => `line ${i + 1} ${'x'.repeat(40)}`).join('\n');
      const { ctx } = fakeWorkspace({ '/ws/a.txt': text });
      assert.equal(ctx.maxCharacters, undefined);
      const out = ok(executeEditorCommand({ command: 'view', path: 'a.txt' }, ctx)).content;
      assert.ok(out.length <= DEFAULT_MAX_CHARACTERS + 200, `${out.length} characters`);
      assert.match(out, /<response clipped: output is limited to 50000 characters; view from line \d+ with view_range/);
      assert.equal(textEditorTool().max_characters, DEFAULT_MAX_CHARACTERS);
      assert.equal(textEditorTool(1000).max_characters, 1000);
    });

    it('refuses paths outside the workspace', () => {
      const { ctx } = fakeWorkspace({});
      err(executeEditorCommand({ command: 'view', path: '/etc/passwd' }, ctx), /outside the workspace/);
      err(executeEditorCommand({ command: 'view', path: '../x' }, ctx), /leaves the workspace/);
    });

    it('shows unicode and emoji untouched', () => {
      const { ctx } = fakeWorkspace({ '/ws/u.txt': 'héllo 👋🏽\n日本語\n' });
      assert.equal(ok(executeEditorCommand({ command: 'view', path: 'u.txt' }, ctx)).content, '     1\théllo 👋🏽\n     2\t日本語');
    });
  });

  describe('str_replace', () => {
    it('replaces the single match and returns before/after and a numbered snippet', () => {
      const { ctx } = fakeWorkspace({ '/ws/a.ts': 'const a = 1;\nconst b = 2;\nconst c = 3;\n' });
      const out = ok(executeEditorCommand({ command: 'str_replace', path: 'a.ts', old_str: 'const b = 2;', new_str: 'const b = 20;' }, ctx));
      assert.equal(out.edit?.kind, 'modify');
      assert.equal(out.edit?.before, 'const a = 1;\nconst b = 2;\nconst c = 3;\n');
      assert.equal(out.edit?.after, 'const a = 1;\nconst b = 20;\nconst c = 3;\n');
      assert.equal(out.edit?.target.relative, 'a.ts');
      assert.match(out.content, /\n {5}2\tconst b = 20;/);
    });

    it('deletes when new_str is omitted', () => {
      const { ctx } = fakeWorkspace({ '/ws/a.txt': 'keep\ndrop\nkeep2\n' });
      const out = ok(executeEditorCommand({ command: 'str_replace', path: 'a.txt', old_str: 'drop\n' }, ctx));
      assert.equal(out.edit?.after, 'keep\nkeep2\n');
    });

    it('fails with no match and points at a whitespace-only difference', () => {
      const { ctx } = fakeWorkspace({ '/ws/a.py': 'def f():\n\treturn 1\n' });
      const out = executeEditorCommand({ command: 'str_replace', path: 'a.py', old_str: 'def f():\n    return 1', new_str: 'x' }, ctx);
      err(out, /No match found for old_str in a\.py.*exactly, including whitespace and indentation/s);
      assert.match(out.content, /lines 1-2 would match: check indentation \(tabs versus spaces\)/);
      err(executeEditorCommand({ command: 'str_replace', path: 'a.py', old_str: 'nothing like it', new_str: 'x' }, ctx), /^(?!.*would match).*No match found/s);
    });

    it('fails with several matches, naming the lines of the first two', () => {
      const { ctx } = fakeWorkspace({ '/ws/a.txt': 'x = 1\ny = 2\nx = 1\n\nx = 1\n' });
      const out = executeEditorCommand({ command: 'str_replace', path: 'a.txt', old_str: 'x = 1', new_str: 'x = 9' }, ctx);
      err(out, /occurs more than once in a\.txt \(the first two matches start on lines 1 and 3\)\. Include more surrounding lines/);
    });

    it('stops searching at the second match, however often old_str repeats', () => {
      const text = 'x = 1\n'.repeat(200_000);
      const { ctx } = fakeWorkspace({ '/ws/a.txt': text });
      // A spy on the one search the matcher uses: only calls for old_str count.
      const original = String.prototype.indexOf;
      let searches = 0;
      String.prototype.indexOf = function (this: string, needle: string, from?: number): number {
        if (needle === 'x = 1') searches++;
        return original.call(this, needle, from);
      };
      try {
        err(executeEditorCommand({ command: 'str_replace', path: 'a.txt', old_str: 'x = 1', new_str: 'x = 9' }, ctx), /more than once/);
      } finally {
        String.prototype.indexOf = original;
      }
      assert.ok(searches <= 3, `searched ${searches} times`);
    });

    it('replaces in a ~1 MB file and bounds what it sends back', () => {
      const lines = Array.from({ length: 20_000 }, (_, i) => `const value${i} = compute(${i}); // some padding text`);
      const { ctx } = fakeWorkspace({ '/ws/big.ts': `${lines.join('\n')}\n` });
      const started = Date.now();
      const huge = 'y'.repeat(200_000);
      const out = ok(executeEditorCommand({ command: 'str_replace', path: 'big.ts', old_str: 'value12345 =', new_str: `${huge}\nvalue12345 =` }, ctx));
      const hunks = computeHunks(out.edit?.before ?? '', out.edit?.after ?? '');
      // A sanity print, not an assertion: timing depends on the machine.
      console.log(`      (str_replace and diff on ${(out.edit?.before.length ?? 0) / 1e6} MB: ${Date.now() - started} ms)`);
      assert.equal(hunks.length, 1);
      assert.equal(out.edit?.after.length, (out.edit?.before.length ?? 0) + huge.length + 1);
      assert.ok(out.content.length < DEFAULT_MAX_CHARACTERS + 500, `snippet of ${out.content.length} characters`);
      assert.match(out.content, /response clipped: output is limited to 50000 characters/);
    });

    it('refuses identical old_str and new_str', () => {
      const { ctx } = fakeWorkspace({ '/ws/a.txt': 'x\n' });
      err(executeEditorCommand({ command: 'str_replace', path: 'a.txt', old_str: 'x', new_str: 'x' }, ctx), /identical/);
    });

    it('fails on a missing file and on a directory', () => {
      const { ctx } = fakeWorkspace({}, { dirs: { '/ws/d': [] } });
      err(executeEditorCommand({ command: 'str_replace', path: 'missing.txt', old_str: 'a', new_str: 'b' }, ctx), /does not exist/);
      err(executeEditorCommand({ command: 'str_replace', path: 'd', old_str: 'a', new_str: 'b' }, ctx), /d is a directory/);
    });

    it('matches LF old_str in a CRLF file and writes CRLF, leaving the rest byte for byte', () => {
      const before = 'first\r\nsecond\r\nthird\r\n';
      const { ctx } = fakeWorkspace({ '/ws/w.txt': before });
      const out = ok(executeEditorCommand({ command: 'str_replace', path: 'w.txt', old_str: 'first\nsecond\n', new_str: 'one\ntwo\nthree-ish\n' }, ctx));
      assert.equal(out.edit?.after, 'one\r\ntwo\r\nthree-ish\r\nthird\r\n');
    });

    it('never splits a CRLF when old_str ends at a line end or starts with a newline', () => {
      const { ctx } = fakeWorkspace({ '/ws/w.txt': 'a\r\nb\r\nc' });
      const out = ok(executeEditorCommand({ command: 'str_replace', path: 'w.txt', old_str: '\nb', new_str: '\nB\nB2' }, ctx));
      assert.equal(out.edit?.after, 'a\r\nB\r\nB2\r\nc');
    });

    it('keeps a mixed-EOL file intact outside the edit', () => {
      const { ctx } = fakeWorkspace({ '/ws/m.txt': 'a\r\nb\nc\r\nd\n' });
      const out = ok(executeEditorCommand({ command: 'str_replace', path: 'm.txt', old_str: 'c', new_str: 'C' }, ctx));
      assert.equal(out.edit?.after, 'a\r\nb\nC\r\nd\n');
    });

    it('handles tabs, files without a trailing newline, and astral characters', () => {
      const { ctx } = fakeWorkspace({ '/ws/t.txt': '\tif (x) {\n\t\treturn "🙂";\n\t}' });
      const out = ok(executeEditorCommand({ command: 'str_replace', path: 't.txt', old_str: '\t\treturn "🙂";\n\t}', new_str: '\t\treturn "🚀";\n\t}' }, ctx));
      assert.equal(out.edit?.after, '\tif (x) {\n\t\treturn "🚀";\n\t}');
    });

    it('applies successive calls to the working copy', () => {
      const { ctx, files } = fakeWorkspace({ '/ws/a.txt': 'alpha\nbeta\n' });
      ok(executeEditorCommand({ command: 'str_replace', path: 'a.txt', old_str: 'alpha', new_str: 'ALPHA' }, ctx));
      const second = ok(executeEditorCommand({ command: 'str_replace', path: 'a.txt', old_str: 'ALPHA\nbeta', new_str: 'ALPHA\nBETA' }, ctx));
      assert.equal(second.edit?.before, 'ALPHA\nbeta\n');
      assert.equal(second.edit?.after, 'ALPHA\nBETA\n');
      // The document itself is untouched: applying is the host's job.
      assert.equal(files.get('/ws/a.txt'), 'alpha\nbeta\n');
      const [changed] = ctx.workingSet.changedFiles();
      assert.equal(changed?.originalText, 'alpha\nbeta\n');
      assert.equal(changed?.text, 'ALPHA\nBETA\n');
      assert.equal(changed?.baseVersion, 1);
    });

    it('without a working set, each call sees only the document', () => {
      const { ctx } = fakeWorkspace({ '/ws/a.txt': 'alpha\n' });
      const { workingSet: _ignored, ...bare } = ctx;
      ok(executeEditorCommand({ command: 'str_replace', path: 'a.txt', old_str: 'alpha', new_str: 'ALPHA' }, bare));
      err(executeEditorCommand({ command: 'str_replace', path: 'a.txt', old_str: 'ALPHA', new_str: 'x' }, bare), /No match/);
    });
  });

  describe('insert', () => {
    const run = (text: string, line: number, insert: string, field: 'insert_text' | 'new_str' = 'insert_text'): ToolOutcome => {
      const { ctx } = fakeWorkspace({ '/ws/a.txt': text });
      return executeEditorCommand({ command: 'insert', path: 'a.txt', insert_line: line, [field]: insert }, ctx);
    };

    it('inserts before the first line at 0 and after line N otherwise', () => {
      assert.equal(ok(run('a\nb\n', 0, 'X')).edit?.after, 'X\na\nb\n');
      assert.equal(ok(run('a\nb\n', 1, 'X')).edit?.after, 'a\nX\nb\n');
      assert.equal(ok(run('a\nb\n', 2, 'X')).edit?.after, 'a\nb\nX\n');
    });

    it('treats one trailing newline of the text as the end of its last line', () => {
      assert.equal(ok(run('a\nb\n', 1, 'X\nY\n')).edit?.after, 'a\nX\nY\nb\n');
      assert.equal(ok(run('a\nb\n', 1, 'X\n\n')).edit?.after, 'a\nX\n\nb\n');
    });

    it('accepts new_str as the documented name of the field', () => {
      assert.equal(ok(run('a\n', 1, 'X', 'new_str')).edit?.after, 'a\nX\n');
    });

    it('keeps a file without a final newline without one', () => {
      assert.equal(ok(run('a\nb', 2, 'X')).edit?.after, 'a\nb\nX');
      assert.equal(ok(run('a\nb', 1, 'X')).edit?.after, 'a\nX\nb');
    });

    it('inserts into an empty file', () => {
      assert.equal(ok(run('', 0, 'X')).edit?.after, 'X\n');
    });

    it('writes CRLF into a CRLF file', () => {
      assert.equal(ok(run('a\r\nb\r\n', 1, 'X\nY')).edit?.after, 'a\r\nX\r\nY\r\nb\r\n');
      assert.equal(ok(run('a\r\nb', 2, 'X')).edit?.after, 'a\r\nb\r\nX');
    });

    it('rejects insert_line out of range with the valid bounds', () => {
      err(run('a\nb\n', 3, 'X'), /insert_line 3 is out of range: a\.txt has 2 lines, so insert_line must be between 0 \(before the first line\) and 2/);
      err(run('a\nb\n', -1, 'X'), /insert_line -1 is out of range/);
      err(run('', 1, 'X'), /has 0 lines/);
    });

    it('reports the inserted region with the new line numbers', () => {
      const out = ok(run('a\nb\nc\n', 1, 'X\nY'));
      assert.match(out.content, /Inserted 2 lines after line 1/);
      assert.match(out.content, / {5}2\tX\n {5}3\tY/);
    });

    it('fails on a missing file', () => {
      const { ctx } = fakeWorkspace({});
      err(executeEditorCommand({ command: 'insert', path: 'n.txt', insert_line: 0, insert_text: 'x' }, ctx), /does not exist/);
    });
  });

  describe('create', () => {
    it('creates a new file when allowed', () => {
      const { ctx } = fakeWorkspace({}, { dirs: { '/ws/src': [] } });
      const out = ok(executeEditorCommand({ command: 'create', path: 'src/new.ts', file_text: 'export {};\n' }, ctx));
      assert.deepEqual(out.edit && { kind: out.edit.kind, before: out.edit.before, after: out.edit.after, abs: out.edit.target.absolute }, {
        kind: 'create', before: '', after: 'export {};\n', abs: '/ws/src/new.ts',
      });
      assert.match(out.content, /Created src\/new\.ts \(1 line\)/);
    });

    it('creates a file in a folder that does not exist yet (checking the nearest existing parent)', () => {
      const { ctx } = fakeWorkspace({});
      ok(executeEditorCommand({ command: 'create', path: 'deep/er/x.txt', file_text: '' }, ctx));
    });

    it('refuses when creation is not allowed', () => {
      const { ctx } = fakeWorkspace({}, { allowCreate: false });
      err(executeEditorCommand({ command: 'create', path: 'x.txt', file_text: 'x' }, ctx), /Creating files is not allowed here/);
    });

    it('refuses an existing file, a directory, and a file created earlier in the request', () => {
      const { ctx } = fakeWorkspace({ '/ws/a.txt': 'x' }, { dirs: { '/ws/d': [] } });
      err(executeEditorCommand({ command: 'create', path: 'a.txt', file_text: 'y' }, ctx), /a\.txt already exists/);
      err(executeEditorCommand({ command: 'create', path: 'd', file_text: 'y' }, ctx), /d is a directory/);
      ok(executeEditorCommand({ command: 'create', path: 'b.txt', file_text: 'one\n' }, ctx));
      err(executeEditorCommand({ command: 'create', path: 'b.txt', file_text: 'two\n' }, ctx), /already exists/);
    });

    it('refuses paths outside the workspace', () => {
      const { ctx } = fakeWorkspace({});
      err(executeEditorCommand({ command: 'create', path: '/tmp/evil.sh', file_text: 'x' }, ctx), /outside the workspace/);
    });

    it('lets later calls edit a file created earlier in the request', () => {
      const { ctx } = fakeWorkspace({});
      ok(executeEditorCommand({ command: 'create', path: 'n.txt', file_text: 'a\nb\n' }, ctx));
      const out = ok(executeEditorCommand({ command: 'insert', path: 'n.txt', insert_line: 1, insert_text: 'X' }, ctx));
      assert.equal(out.edit?.before, 'a\nb\n');
      assert.equal(out.edit?.after, 'a\nX\nb\n');
      assert.equal(ok(executeEditorCommand({ command: 'view', path: 'n.txt' }, ctx)).content, '     1\ta\n     2\tX\n     3\tb');
      const [file] = ctx.workingSet.changedFiles();
      assert.equal(file?.originalText, undefined);
      assert.equal(file?.text, 'a\nX\nb\n');
    });

    it('uses the configured EOL for new files', () => {
      const { ctx } = fakeWorkspace({});
      const out = ok(executeEditorCommand({ command: 'create', path: 'w.txt', file_text: 'a\nb\n' }, { ...ctx, newFileEol: '\r\n' }));
      assert.equal(out.edit?.after, 'a\r\nb\r\n');
    });
  });
});
