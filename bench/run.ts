/**
 * Runs the benchmarks in sequence (`npm run bench`). Add a bench by exporting an async function
 * from its own file and calling it here. Figures are ratios measured within one run.
 */
import { benchClientThroughput } from './client-throughput';
import { benchFirstDelta } from './first-delta';
import { benchMarkdownBombs } from './markdown-bombs';
import { benchWebviewRender } from './webview-render';

async function main(): Promise<void> {
  await benchClientThroughput();
  console.log('');
  await benchWebviewRender();
  console.log('');
  await benchFirstDelta();
  console.log('');
  await benchMarkdownBombs();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
