// Types for cycles-core.mjs, so the unit tests (TypeScript) can import the plain-JS core that
// `npm run lint` runs without a build step.
import type ts from 'typescript';

export function buildImportGraph(
  files: readonly string[],
  options: { compilerOptions: ts.CompilerOptions; host: ts.ModuleResolutionHost },
): Map<string, string[]>;

export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][];

export function formatCycle(cycle: readonly string[], label?: (file: string) => string): string;
