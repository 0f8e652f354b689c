/**
 * CLI: `node out/test/server/main.js [--port N] [--api-key KEY|--any-key] [--token-delay-ms N] [--lenient]`.
 * Prints `TEST_SERVER_URL=<url>` on stdout and runs until SIGTERM or SIGINT. Strict by default:
 * `--lenient` turns the API's rules off (only the body's shape is checked).
 */
import { startTestServer } from './server';
import type { TestServerOptions } from './server';

/** Arguments without a value. */
const FLAGS: Record<string, (options: TestServerOptions) => void> = {
  '--any-key': (options) => {
    options.apiKey = null;
  },
  '--lenient': (options) => {
    options.rules = 'lenient';
  },
};

function parseArgs(argv: string[]): TestServerOptions {
  const options: TestServerOptions = {};
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    const value = argv[index + 1];
    const flag = FLAGS[arg ?? ''];
    if (flag) {
      flag(options);
      continue;
    }
    if (value === undefined) throw new Error(`${arg ?? ''} needs a value`);
    index++;
    if (arg === '--port') options.port = Number(value);
    else if (arg === '--api-key') options.apiKey = value;
    else if (arg === '--token-delay-ms') options.tokenDelayMs = Number(value);
    else throw new Error(`unknown argument ${arg ?? ''}; use --port N, --api-key KEY, --any-key, --token-delay-ms N, --lenient`);
  }
  return options;
}

async function main(): Promise<void> {
  const server = await startTestServer(parseArgs(process.argv.slice(2)));
  console.log(`TEST_SERVER_URL=${server.url}`);
  const stop = (): void => {
    server.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
