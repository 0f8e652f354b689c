import assert from 'node:assert/strict';
import { partialParse } from '@anthropic-ai/sdk/_vendor/partial-json-parser/parser';
import { parsePartialJson } from '../../../src/common/anthropic/partialJson';

/** The SDK's reading of the same text: its vendored parser, `undefined` where it throws. */
function sdkReading(text: string): { value: unknown } | undefined {
  try {
    return { value: partialParse(text) };
  } catch {
    return undefined;
  }
}

// Tool inputs with what truncation can cut: escapes (also an escaped backslash before a quote),
// non-ASCII, nested arrays and objects, negative and exponent numbers, literals, whitespace.
const DOCUMENTS = [
  '{"path": "src/a.ts", "old_str": "say \\"hi\\"\\n\\t\\\\", "new_str": "👋 ünïcode", "insert_line": 12}',
  '{"filename": "taxes.txt", "lines_of_text": [\n"# GUIDE",\n"",\n"## INTRO"\n]}',
  '{"a": [1, -2.5e-3, 1E+9, true, false, null, {"b": [[], {}]}], "c": {"d": "e"}, "f": 0}',
  '[{"x": "y"}, "z", 3]',
  '{ "query" : "weather in Paris" , "max" : 10 }',
];

describe('anthropic/partialJson', () => {
  const cases: Array<[string, unknown]> = [
    ['{"a": 1}', { a: 1 }],
    ['{"a": "x', {}],
    ['{"a": 12', {}],
    ['{"a": 1.5, "b": "c"', { a: 1.5, b: 'c' }],
    ['{"a": [1, 2', { a: [1] }],
    ['{"a": [1, 2,', { a: [1, 2] }],
    ['{"a": ["x", "y', { a: ['x'] }],
    ['{"a": 1, "b": tr', { a: 1 }],
    ['{"a": 1, "b": true', { a: 1, b: true }],
    ['{"a": 1, "b"', { a: 1 }],
    ['{"a": {"b": "c"}, "d": "e\\', { a: { b: 'c' } }],
    ['{"q": "a \\"quoted\\" word"', { q: 'a "quoted" word' }],
    ['[', []],
  ];
  for (const [input, expected] of cases) {
    it(`reads ${JSON.stringify(input)}`, () => assert.deepStrictEqual(parsePartialJson(input), { value: expected }));
  }

  it('gives undefined for what is not truncated JSON, or nothing yet', () => {
    for (const text of ['nonsense', '{"a": nope}', '{"a": [1}', '', '   ', '"unclosed']) {
      assert.equal(parsePartialJson(text), undefined, JSON.stringify(text));
    }
  });

  it('reads every prefix of real-looking tool input exactly as @anthropic-ai/sdk does', () => {
    let compared = 0;
    for (const document of DOCUMENTS) {
      for (let end = 0; end <= document.length; end++) {
        const prefix = document.slice(0, end);
        assert.deepStrictEqual(parsePartialJson(prefix), sdkReading(prefix), JSON.stringify(prefix));
        compared++;
      }
    }
    assert.ok(compared > 300);
  });
});
