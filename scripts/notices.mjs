// @ts-check
// Production bundles drop the legal comments of the packages inside them (esbuild.js sets
// legalComments: 'none' to keep them small), so their licences ship in a notices file beside the
// bundles instead. Which packages is read from esbuild's metafiles rather than from package.json:
// only what actually ends up in a bundle needs a notice, and nothing that does can be forgotten.
import { readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** @typedef {{outputs: Record<string, {inputs: Record<string, {bytesInOutput: number}>}>}} MetafileLike */

/**
 * @typedef {object} BundledPackage
 * @property {string} name
 * @property {string} version
 * @property {string} license the licence expression its package.json declares
 * @property {Array<{file: string, text: string}>} licenseFiles
 * @property {string[]} bundles the outputs it ended up in
 */

// LICENSE, LICENCE.md, LICENSE-MPL, COPYING, NOTICE (Apache-2.0 asks for NOTICE files to travel too).
const LICENSE_FILE = /^(licen[cs]e|copying|notice)([.-].*)?$/i;

/**
 * The folder of the package an input path lies in, or undefined outside node_modules. The package
 * is the one after the last node_modules segment (nested copies are packages of their own), two
 * segments for a scoped name.
 * @param {string} inputPath a metafile input path, `/`-separated
 * @returns {string | undefined}
 */
export function packageDirOf(inputPath) {
  const parts = inputPath.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const nameLength = parts[at + 1]?.startsWith('@') ? 2 : 1;
  if (parts.length <= at + nameLength + 1) return undefined;
  return parts.slice(0, at + 1 + nameLength).join('/');
}

/**
 * Every package that put bytes into an output (tree-shaken inputs put none and need no notice).
 * @param {MetafileLike[]} metafiles
 * @param {string} root the folder the metafile paths are relative to (esbuild's working dir)
 * @returns {BundledPackage[]} sorted by name, then version
 */
export function bundledPackages(metafiles, root) {
  /** @type {Map<string, Set<string>>} real package folder -> outputs */
  const bundlesByDir = new Map();
  for (const metafile of metafiles) {
    for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
      for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
        const dir = packageDirOf(input);
        if (!dir || bytesInOutput === 0) continue;
        const real = realpathSync(path.resolve(root, dir));
        bundlesByDir.set(real, (bundlesByDir.get(real) ?? new Set()).add(output));
      }
    }
  }
  return [...bundlesByDir].map(([dir, bundles]) => describePackage(dir, [...bundles].sort()))
    .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

/**
 * @param {string} dir
 * @param {string[]} bundles
 * @returns {BundledPackage}
 */
function describePackage(dir, bundles) {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const name = String(manifest.name ?? path.basename(dir));
  const licenseFiles = readdirSync(dir).filter((file) => LICENSE_FILE.test(file)).sort()
    .map((file) => ({ file, text: trimBlankLines(readFileSync(path.join(dir, file), 'utf8')) }));
  // Shipping a package without its licence text is what this module exists to prevent: fail the build.
  if (licenseFiles.length === 0) throw new Error(`notices: ${name} is bundled but ${dir} has no LICENSE file`);
  return { name, version: String(manifest.version ?? 'unknown'), license: licenseOf(manifest), licenseFiles, bundles };
}

/**
 * Drops blank lines around the text but keeps the indentation of its first line (Apache-2.0 centres its title).
 * @param {string} text
 */
function trimBlankLines(text) {
  return text.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd();
}

/**
 * The licence expression, from `license` or the older `licenses` array.
 * @param {Record<string, unknown>} manifest
 */
function licenseOf(manifest) {
  const typeOf = (/** @type {unknown} */ value) =>
    typeof value === 'string' ? value : typeof value === 'object' && value !== null && 'type' in value ? String(value.type) : undefined;
  if (manifest.license !== undefined) return typeOf(manifest.license) ?? 'UNKNOWN';
  if (Array.isArray(manifest.licenses)) return manifest.licenses.map(typeOf).filter(Boolean).join(' OR ') || 'UNKNOWN';
  return 'UNKNOWN';
}

/**
 * Plain text rather than Markdown: licence texts carry their own `#` headings and backticks.
 * @param {BundledPackage[]} packages
 * @returns {string}
 */
export function renderNotices(packages) {
  const rule = '-'.repeat(72);
  const sections = packages.map((p) => [
    rule,
    `${p.name} ${p.version}`,
    `Licence: ${p.license}`,
    `Bundled in: ${p.bundles.join(', ')}`,
    ...p.licenseFiles.flatMap(({ file, text }) => ['', `--- ${file} ---`, text]),
    '',
  ].join('\n'));
  const intro = [
    'THIRD-PARTY NOTICES',
    '',
    'Claude Messages ships the following third-party packages inside its bundles. Each is listed',
    'with its version, its licence and the full text of the licence files it is distributed with.',
    '',
  ].join('\n');
  return `${intro}\n${sections.join('\n')}`;
}

/**
 * Writes the notices for these builds and returns the packages they name.
 * @param {MetafileLike[]} metafiles
 * @param {string} root the folder the metafile paths are relative to
 * @param {string} outFile
 */
export function writeNotices(metafiles, root, outFile) {
  const packages = bundledPackages(metafiles, root);
  writeFileSync(outFile, renderNotices(packages));
  return packages;
}
