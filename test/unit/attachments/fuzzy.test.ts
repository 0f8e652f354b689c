import assert from 'node:assert/strict';
import { rankPaths } from '../../../src/common/attachments/fuzzy';
import { folderSummary } from '../../../src/common/attachments/folderSummary';
import { isIgnored, parseIgnoreRules } from '../../../src/common/attachments/ignoreRules';

const PATHS = ['README.md', 'src/chat/chatSession.ts', 'src/chat/ports.ts', 'src/host/chatView.ts', 'test/unit/chat/chatSession.test.ts', 'docs/session-notes.md'];

describe('attachments: the @ query', () => {
  it('puts the active file first on an empty query and keeps the rest in order', () => {
    assert.deepEqual(rankPaths(PATHS, '', { activePath: 'src/chat/ports.ts', limit: 3 }), ['src/chat/ports.ts', 'README.md', 'src/chat/chatSession.ts']);
    assert.deepEqual(rankPaths(PATHS, '  ', { limit: 2 }), ['README.md', 'src/chat/chatSession.ts']);
  });

  it('matches subsequences, case ignored, and leaves out paths that do not match', () => {
    assert.deepEqual(rankPaths(PATHS, 'cvw', { limit: 10 }), ['src/host/chatView.ts']);
    assert.deepEqual(rankPaths(PATHS, 'zzz', { limit: 10 }), []);
  });

  it('prefers a match in the file name to one spread over folders, and contiguous to scattered', () => {
    const ranked = rankPaths(PATHS, 'session', { limit: 10 });
    // Both match contiguously in the file name; the name that starts with the query wins.
    assert.deepEqual(ranked.slice(0, 1), ['docs/session-notes.md']);
    assert.ok(ranked.indexOf('src/chat/chatSession.ts') < ranked.indexOf('test/unit/chat/chatSession.test.ts'), 'the shorter path wins a tie');
    const folderOnly = rankPaths(['chat/x.ts', 'a/chat.ts'], 'chat', { limit: 10 });
    assert.deepEqual(folderOnly, ['a/chat.ts', 'chat/x.ts']);
    const contiguous = rankPaths(['s/portsx.ts', 's/p_o_r_t_s.ts'], 'ports', { limit: 10 });
    assert.deepEqual(contiguous, ['s/portsx.ts', 's/p_o_r_t_s.ts']);
  });

  it('limits the answer', () => {
    assert.equal(rankPaths(PATHS, 's', { limit: 2 }).length, 2);
  });
});

describe('attachments: .gitignore rules for the file list', () => {
  const rules = parseIgnoreRules('# build output\nnode_modules/\n/dist\n*.log\n!keep.log\nsecret?.txt\ndocs/**/draft.md\n');
  const cases: Array<[string, boolean]> = [
    ['node_modules/x/index.js', true],
    ['pkg/node_modules/y.js', true],
    ['dist/extension.js', true],
    ['src/dist/x.ts', false],
    ['a/b/error.log', true],
    ['keep.log', false],
    ['secret1.txt', true],
    ['secret12.txt', false],
    ['docs/a/b/draft.md', true],
    ['docs/draft.md', true],
    ['src/index.ts', false],
  ];
  for (const [path, ignored] of cases) {
    it(`${path} is ${ignored ? '' : 'not '}ignored`, () => assert.equal(isIgnored(path, rules), ignored));
  }
});

describe('attachments: what a folder left out', () => {
  it('says nothing when every file was attached, and names what was left out otherwise', () => {
    assert.equal(folderSummary({ folder: 'src', attached: 3, notText: [], refused: [], overLimit: 0 }), undefined);
    assert.equal(
      folderSummary({ folder: 'src', attached: 20, notText: ['src/a.png'], refused: ['src/b.bin', 'src/c.bin'], overLimit: 5 }),
      'Attached 20 text files from src; left out 5 more files over the limit of 20 files per folder, 1 image or PDF file (a.png; attach them one by one), 2 files that could not be attached (b.bin, c.bin: binary, too large or unreadable).',
    );
    assert.equal(folderSummary({ folder: 'empty', attached: 0, notText: [], refused: [], overLimit: 0 }), 'empty has no text files to attach.');
  });
});
