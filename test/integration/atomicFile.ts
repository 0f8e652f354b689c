/**
 * Files that another process polls for must never be seen half-written. The integration harness
 * (scripts/run-integration.mjs) parses the results file as soon as it exists; a plain
 * writeFileSync let it read a truncated file ("Unexpected end of JSON input"). Writing a temporary
 * file in the same folder and renaming it onto the final name publishes the whole text at once:
 * a rename within one file system is atomic, so a reader finds no file or the complete one.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export function writeFileAtomic(file: string, text: string): void {
  // A dot name the reader never looks for, unique so two writers cannot share a temporary file.
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.tmp`);
  try {
    fs.writeFileSync(temp, text);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
