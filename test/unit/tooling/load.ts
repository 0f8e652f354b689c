/**
 * Loads a plain `.mjs` module of this repository at run time. The test bundle keeps the computed
 * import as is, so the test runs the same file the scripts run; the caller names the shape it
 * uses, since `.mjs` files carry no declarations for the type checker.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export async function loadScript<T>(relativePath: string): Promise<T> {
  // mocha runs from the repository root (npm run test:unit), like test/unit/manifest.
  const url = pathToFileURL(path.join(process.cwd(), relativePath)).href;
  return (await import(url)) as T;
}
