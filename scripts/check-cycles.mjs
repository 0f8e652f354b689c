// @ts-check
// `npm run lint` runs this after ESLint: fails when any import circle exists among src/**/*.ts,
// printing each one as `a.ts -> b.ts -> a.ts`. Type-only imports count (see cycles-core.mjs).
//   node scripts/check-cycles.mjs [folder]   folder defaults to src
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { buildImportGraph, findCycles, formatCycle } from './cycles-core.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const folder = path.resolve(repoRoot, process.argv[2] ?? 'src');

const files = fs
  .readdirSync(folder, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
  .map((file) => path.join(folder, file))
  .sort();

// Resolve the way the compiler does for this project (moduleResolution and all), from tsconfig.json.
const config = ts.readConfigFile(path.join(repoRoot, 'tsconfig.json'), ts.sys.readFile);
const { options: compilerOptions } = ts.convertCompilerOptionsFromJson(config.config?.compilerOptions ?? {}, repoRoot);

const graph = buildImportGraph(files, { compilerOptions, host: ts.sys });
const cycles = findCycles(graph);
const label = (/** @type {string} */ file) => path.relative(repoRoot, file);

if (cycles.length > 0) {
  console.error(`Import circles in ${label(folder)} (${cycles.length}); break each by moving what both sides need into a module both import:`);
  for (const cycle of cycles) console.error(`  ${formatCycle(cycle, label)}`);
  process.exit(1);
}
console.log(`No import circles among ${files.length} files in ${label(folder)}.`);
