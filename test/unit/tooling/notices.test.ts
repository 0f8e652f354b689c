/**
 * The notices generator (scripts/notices.mjs): it finds the packages that put bytes into a bundle,
 * and the notices it writes carry each one's name, version, licence and full licence text. The
 * last test bundles the real entry points, so a dependency that reaches a bundle without its
 * licence in the notices fails here, not in a store review.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { loadScript } from './load';

interface MetafileLike {
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
}
interface BundledPackage {
  name: string;
  version: string;
  license: string;
  licenseFiles: Array<{ file: string; text: string }>;
  bundles: string[];
}
interface NoticesModule {
  packageDirOf(inputPath: string): string | undefined;
  bundledPackages(metafiles: MetafileLike[], root: string): BundledPackage[];
  renderNotices(packages: BundledPackage[]): string;
}

const notices = (): Promise<NoticesModule> => loadScript<NoticesModule>('scripts/notices.mjs');

/** A fake package folder under `root`. */
function fakePackage(root: string, dir: string, manifest: Record<string, unknown>, files: Record<string, string>): void {
  fs.mkdirSync(path.join(root, dir), { recursive: true });
  fs.writeFileSync(path.join(root, dir, 'package.json'), JSON.stringify(manifest));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(root, dir, name), text);
}

function output(inputs: Record<string, number>): { inputs: Record<string, { bytesInOutput: number }> } {
  return { inputs: Object.fromEntries(Object.entries(inputs).map(([input, bytesInOutput]) => [input, { bytesInOutput }])) };
}

describe('third-party notices', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-messages-notices-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('finds the package folder of an input: the last node_modules, scoped names, none outside', async () => {
    const { packageDirOf } = await notices();
    assert.equal(packageDirOf('node_modules/marked/lib/marked.esm.js'), 'node_modules/marked');
    assert.equal(packageDirOf('../main/node_modules/@scope/pkg/index.js'), '../main/node_modules/@scope/pkg');
    assert.equal(packageDirOf('node_modules/a/node_modules/b/x.js'), 'node_modules/a/node_modules/b');
    assert.equal(packageDirOf('src/webview/main.ts'), undefined);
  });

  it('lists each package that put bytes into a bundle once, with every bundle it is in', async () => {
    fakePackage(root, 'node_modules/@scope/pkg', { name: '@scope/pkg', version: '1.2.3', license: 'MIT' }, { LICENSE: 'MIT text of pkg' });
    fakePackage(root, 'node_modules/a/node_modules/b', { name: 'b', version: '2.0.0', licenses: [{ type: 'ISC' }] }, { 'LICENSE.md': 'ISC text of b', NOTICE: 'b notice' });
    fakePackage(root, 'node_modules/shaken', { name: 'shaken', version: '0.0.1', license: 'MIT' }, { LICENSE: 'never shipped' });
    const { bundledPackages } = await notices();
    const packages = bundledPackages([
      { outputs: { 'dist/one.js': output({ 'node_modules/@scope/pkg/index.js': 10, 'node_modules/@scope/pkg/util.js': 5, 'src/main.ts': 100, 'node_modules/shaken/index.js': 0 }) } },
      { outputs: { 'dist/two.js': output({ 'node_modules/@scope/pkg/index.js': 10, 'node_modules/a/node_modules/b/x.js': 3 }) } },
    ], root);
    assert.deepEqual(packages.map((p) => [p.name, p.version, p.license, p.bundles]), [
      ['@scope/pkg', '1.2.3', 'MIT', ['dist/one.js', 'dist/two.js']],
      ['b', '2.0.0', 'ISC', ['dist/two.js']],
    ]);
    assert.deepEqual(packages[1]?.licenseFiles, [{ file: 'LICENSE.md', text: 'ISC text of b' }, { file: 'NOTICE', text: 'b notice' }]);
  });

  it('fails the build for a bundled package that has no licence file', async () => {
    fakePackage(root, 'node_modules/bare', { name: 'bare', version: '1.0.0', license: 'MIT' }, { 'README.md': 'no licence here' });
    const { bundledPackages } = await notices();
    assert.throws(() => bundledPackages([{ outputs: { 'dist/x.js': output({ 'node_modules/bare/index.js': 1 }) } }], root), /bare is bundled but .* has no LICENSE file/);
  });

  it('covers every dependency the real bundles contain, with its full licence text', async function () {
    this.timeout(60_000);
    const build = (entry: string, platform: esbuild.Platform): Promise<esbuild.BuildResult<{ metafile: true }>> =>
      esbuild.build({ entryPoints: [entry], bundle: true, write: false, metafile: true, minify: true, platform, outdir: 'dist', external: ['vscode'], logLevel: 'silent' });
    const builds = await Promise.all([build('src/extension.ts', 'node'), build('src/webview/main.ts', 'browser')]);
    const { bundledPackages, renderNotices } = await notices();
    const packages = bundledPackages(builds.map((b) => b.metafile), process.cwd());
    const text = renderNotices(packages);
    const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    const expected = new Set(['marked', 'dompurify', 'highlight.js', 'eventsource-parser', ...Object.keys(manifest.dependencies)]);
    for (const name of expected) {
      const found = packages.find((p) => p.name === name);
      assert.ok(found, `${name} is not in the notices (bundled: ${packages.map((p) => p.name).join(', ')})`);
      assert.match(text, new RegExp(`^${name.replace(/[.]/g, '\\.')} ${found.version}\\nLicence: \\S`, 'm'));
      const license = fs.readFileSync(path.join('node_modules', name, 'LICENSE'), 'utf8').trim();
      assert.ok(text.includes(license), `the notices do not hold ${name}'s LICENSE text`);
    }
  });
});
