/**
 * The import-cycle check's core (scripts/cycles-core.mjs) on fabricated projects held in memory:
 * real TypeScript parsing and module resolution, no file system.
 */
import assert from 'node:assert/strict';
import ts from 'typescript';
import { buildImportGraph, findCycles, formatCycle } from '../../../scripts/cycles-core.mjs';

const compilerOptions: ts.CompilerOptions = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler };

/** A project of files under /p (name -> source), and its cycles printed with bare file names. */
function cyclesOf(sources: Record<string, string>): string[] {
  const files = new Map(Object.entries(sources).map(([name, text]) => [`/p/${name}`, text]));
  const host: ts.ModuleResolutionHost = { fileExists: (file) => files.has(file), readFile: (file) => files.get(file) };
  const graph = buildImportGraph([...files.keys()], { compilerOptions, host });
  return findCycles(graph).map((cycle) => formatCycle(cycle, (file) => file.slice('/p/'.length)));
}

describe('import cycle check', () => {
  it('finds a three-file circle and prints it as a chain that ends where it starts', () => {
    const cycles = cyclesOf({
      'b.ts': "import { c } from './c';\nexport const b = c;",
      'a.ts': "import { b } from './b';\nexport const a = b;",
      'c.ts': "import type { A } from './a';\nexport const c = 1;",
    });
    assert.deepEqual(cycles, ['a.ts -> b.ts -> c.ts -> a.ts']);
  });

  it('counts type-only imports and re-exports, and dynamic import()', () => {
    assert.deepEqual(cyclesOf({ 'a.ts': "export type { B } from './b';", 'b.ts': "import { type A } from './a';" }), ['a.ts -> b.ts -> a.ts']);
    assert.deepEqual(cyclesOf({ 'a.ts': "export * from './b';", 'b.ts': "const a = import('./a');" }), ['a.ts -> b.ts -> a.ts']);
  });

  it('finds nothing in a graph without circles (a diamond is not a circle)', () => {
    const cycles = cyclesOf({
      'top.ts': "import './left';\nimport './right';",
      'left.ts': "import './leaf';",
      'right.ts': "import './leaf';",
      'leaf.ts': 'export const leaf = 1;',
    });
    assert.deepEqual(cycles, []);
  });

  it('ignores packages, vscode and files that do not exist', () => {
    const cycles = cyclesOf({
      'a.ts': "import * as vscode from 'vscode';\nimport ts from 'typescript';\nimport './missing';\nimport './b';",
      'b.ts': 'export const b = 1;',
    });
    assert.deepEqual(cycles, []);
  });

  it('reports a file that imports itself', () => {
    assert.deepEqual(cyclesOf({ 'a.ts': "import './a';" }), ['a.ts -> a.ts']);
  });

  it('reports each circle of a tangle once, the shortest through each file, folders resolved', () => {
    const cycles = cyclesOf({
      'hub.ts': "import './x/one';\nimport './x/two';",
      'x/one.ts': "import '../hub';",
      'x/two.ts': "import { t } from './three';",
      'x/three.ts': "import '../hub';\nexport const t = 3;",
    });
    assert.deepEqual(cycles, ['hub.ts -> x/one.ts -> hub.ts', 'hub.ts -> x/two.ts -> x/three.ts -> hub.ts']);
  });

  it('finds circles in graphs given directly, whatever the order of the keys', () => {
    const graph = new Map([
      ['c', ['a']],
      ['b', ['c']],
      ['a', ['b', 'd']],
      ['d', []],
    ]);
    assert.deepEqual(findCycles(graph), [['a', 'b', 'c', 'a']]);
  });
});
