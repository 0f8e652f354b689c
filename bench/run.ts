/**
 * Runs the benchmarks in sequence. Add a bench by exporting an async function from its own file and
 * calling it here.
 */
import { benchClientThroughput } from './client-throughput';

async function main(): Promise<void> {
  await benchClientThroughput();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
