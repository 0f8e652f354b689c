// @ts-check
// The pure part of the import-cycle check (scripts/check-cycles.mjs): source files -> import graph
// -> cycles. No file system here: the caller passes a module resolution host, so unit tests can run
// it on fabricated files (test/unit/scripts/cycles.test.ts).
//
// Type-only imports count. They vanish at run time today, but a type-only circle becomes a load-order
// bug the day someone adds a value import along it, and it already ties the modules' designs together.
import ts from 'typescript';

/**
 * The project files each file imports (static, type-only, re-exports and dynamic `import()`), resolved
 * the way the compiler resolves them. Imports that resolve outside `files` (packages, `vscode`,
 * declaration files) are left out: a circle needs two of our own files.
 * @param {readonly string[]} files absolute paths
 * @param {{ compilerOptions: ts.CompilerOptions, host: ts.ModuleResolutionHost }} options
 * @returns {Map<string, string[]>} file -> the files it imports, sorted, without duplicates
 */
export function buildImportGraph(files, options) {
  const known = new Set(files);
  /** @type {Map<string, string[]>} */
  const graph = new Map();
  for (const file of files) {
    const source = options.host.readFile(file) ?? '';
    // Third argument: include `import()` calls, which close circles at run time as surely as static ones.
    const imported = ts.preProcessFile(source, true, true).importedFiles;
    const targets = new Set();
    for (const { fileName } of imported) {
      const resolved = ts.resolveModuleName(fileName, file, options.compilerOptions, options.host).resolvedModule;
      if (resolved && known.has(resolved.resolvedFileName)) {
        targets.add(resolved.resolvedFileName);
      }
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/**
 * The circles in a graph: for every file that lies on one, the shortest circle through it, each
 * reported once (rotated to start at its smallest file), in a stable order.
 * @param {ReadonlyMap<string, readonly string[]>} graph
 * @returns {string[][]} each cycle as a chain that ends where it starts: [a, b, a]
 */
export function findCycles(graph) {
  /** @type {Map<string, string[]>} */
  const cycles = new Map();
  for (const component of stronglyConnectedComponents(graph)) {
    const members = new Set(component);
    for (const start of [...component].sort()) {
      const path = shortestPathBack(graph, start, members);
      if (path) {
        const cycle = rotateToSmallest(path);
        cycles.set(cycle.join('\n'), cycle);
      }
    }
  }
  return [...cycles.values()].sort((a, b) => a.join('\n').localeCompare(b.join('\n')));
}

/**
 * One cycle as the check prints it: `a.ts -> b.ts -> a.ts`.
 * @param {readonly string[]} cycle
 * @param {(file: string) => string} [label] how to show a file (such as a path relative to the repo)
 */
export function formatCycle(cycle, label = (file) => file) {
  return cycle.map(label).join(' -> ');
}

/**
 * Tarjan's algorithm, iterative so a long import chain cannot overflow the stack.
 * @param {ReadonlyMap<string, readonly string[]>} graph
 * @returns {string[][]}
 */
function stronglyConnectedComponents(graph) {
  /** @type {Map<string, number>} */ const index = new Map();
  /** @type {Map<string, number>} */ const low = new Map();
  /** @type {string[]} */ const stack = [];
  const onStack = new Set();
  /** @type {string[][]} */ const components = [];
  let counter = 0;
  const visit = (/** @type {string} */ node) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
  };
  for (const root of [...graph.keys()].sort()) {
    if (index.has(root)) continue;
    visit(root);
    /** @type {Array<{ node: string, next: number }>} */
    const work = [{ node: root, next: 0 }];
    while (work.length > 0) {
      const frame = /** @type {{ node: string, next: number }} */ (work[work.length - 1]);
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const target = /** @type {string} */ (edges[frame.next++]);
        if (!index.has(target)) {
          visit(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(lowOf(low, frame.node), indexOf(index, target)));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(lowOf(low, parent.node), lowOf(low, frame.node)));
      if (lowOf(low, frame.node) === indexOf(index, frame.node)) {
        components.push(popComponent(stack, onStack, frame.node));
      }
    }
  }
  return components;
}

/** @param {Map<string, number>} low @param {string} node */
function lowOf(low, node) {
  return low.get(node) ?? 0;
}

/** @param {Map<string, number>} index @param {string} node */
function indexOf(index, node) {
  return index.get(node) ?? 0;
}

/** @param {string[]} stack @param {Set<string>} onStack @param {string} root */
function popComponent(stack, onStack, root) {
  /** @type {string[]} */
  const component = [];
  let node;
  do {
    node = /** @type {string} */ (stack.pop());
    onStack.delete(node);
    component.push(node);
  } while (node !== root);
  return component;
}

/**
 * Breadth-first from `start`, staying inside its component, until an edge leads back to `start`.
 * @param {ReadonlyMap<string, readonly string[]>} graph
 * @param {string} start
 * @param {Set<string>} members
 * @returns {string[] | undefined} [start, ..., start], or undefined when no circle passes through it
 */
function shortestPathBack(graph, start, members) {
  /** @type {Map<string, string>} */
  const cameFrom = new Map();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = /** @type {string} */ (queue[i]);
    for (const target of graph.get(node) ?? []) {
      if (target === start) {
        return [...pathTo(cameFrom, start, node), start];
      }
      if (members.has(target) && !cameFrom.has(target)) {
        cameFrom.set(target, node);
        queue.push(target);
      }
    }
  }
  return undefined;
}

/** @param {Map<string, string>} cameFrom @param {string} start @param {string} end */
function pathTo(cameFrom, start, end) {
  const path = [end];
  while (path[0] !== start) {
    path.unshift(/** @type {string} */ (cameFrom.get(/** @type {string} */ (path[0]))));
  }
  return path;
}

/** @param {string[]} cycle [a, ..., a] */
function rotateToSmallest(cycle) {
  const open = cycle.slice(0, -1);
  const smallest = [...open].sort()[0];
  const at = open.indexOf(/** @type {string} */ (smallest));
  const rotated = [...open.slice(at), ...open.slice(0, at)];
  return [...rotated, /** @type {string} */ (rotated[0])];
}
