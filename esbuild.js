// @ts-check
// Builds the extension host bundle and the webview bundle from one base config, and (with
// --tests) the unit, integration, e2e, test-server and bench files into out/.
//   node esbuild.js               development build: linked source maps
//   node esbuild.js --production  minified, no source maps (what the VSIX ships)
//   node esbuild.js --watch       rebuilds both bundles on change
//   node esbuild.js --tests       test and bench files into out/ (node, dependencies external)
// The first two also write dist/THIRD_PARTY_NOTICES.txt (scripts/notices.mjs): the licences of the
// packages inside the bundles, which ship without legal comments.
'use strict';
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

/** @type {import('esbuild').BuildOptions} */
const base = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: production ? 'none' : 'inline',
  // Read by scripts/notices.mjs to find the packages inside each bundle.
  metafile: true,
};

/** @type {import('esbuild').BuildOptions} */
const host = {
  ...base,
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
};

/** @type {import('esbuild').BuildOptions} */
const webview = {
  ...base,
  entryPoints: ['src/webview/main.ts'],
  outfile: 'dist/webview.js',
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
};

/** @type {import('esbuild').BuildOptions} */
const testFiles = {
  ...base,
  minify: false,
  sourcemap: 'inline',
  entryPoints: ['test/**/*.ts', 'bench/**/*.ts'],
  outdir: 'out',
  outbase: '.',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  external: ['vscode'],
};

async function main() {
  const configs = tests ? [testFiles] : [host, webview];
  if (watch) {
    for (const config of configs) {
      const context = await esbuild.context(config);
      await context.watch();
    }
    console.log('[watch] watching for changes');
    return;
  }
  // A test file deleted from test/ must not keep running from an old build of it.
  if (tests) for (const folder of ['out/test', 'out/bench']) require('node:fs').rmSync(folder, { recursive: true, force: true });
  const results = await Promise.all(configs.map((config) => esbuild.build(config)));
  if (!tests) {
    const { writeNotices } = await import('./scripts/notices.mjs');
    writeNotices(results.map((result) => result.metafile), process.cwd(), 'dist/THIRD_PARTY_NOTICES.txt');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
