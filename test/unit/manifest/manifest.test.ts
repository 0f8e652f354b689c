/**
 * The manifest and the code agree: every setting the host reads is declared (with a description,
 * scope and, for enums, enumDescriptions), every declared setting is read, every command id in code
 * is contributed, and every keybinding and palette entry has a `when` clause.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONTROL_KEYS } from '../../../src/common/protocol';
import { CommandIds } from '../../../src/host/commands/ids';

interface Property {
  markdownDescription?: string;
  scope?: string;
  enum?: unknown[];
  enumDescriptions?: unknown[];
}
interface Manifest {
  contributes: {
    configuration: { properties: Record<string, Property> };
    commands: Array<{ command: string; category?: string; title: string }>;
    keybindings: Array<{ command: string; when?: string }>;
    menus: Record<string, Array<{ command: string; when?: string }>>;
  };
}

const root = process.cwd();
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
// Settings are read (c.get with a literal name) where raw values are parsed; the host only passes them in.
const settingsSource = fs.readFileSync(path.join(root, 'src/common/settings/parseSettings.ts'), 'utf8');

describe('manifest', () => {
  const declared = Object.keys(manifest.contributes.configuration.properties).map((k) => k.replace(/^claudeMessages\./, ''));
  const read = [...settingsSource.matchAll(/c\.get(?:<[^>]+>)?\('([A-Za-z]+)'\)/g)].map((m) => m[1]!);

  it('declares every setting the host reads, and reads every declared setting', () => {
    assert.ok(read.length >= 20, `found ${read.length} reads`);
    for (const name of read) assert.ok(declared.includes(name), `claudeMessages.${name} is read but not declared`);
    for (const name of declared) assert.ok(read.includes(name), `claudeMessages.${name} is declared but never read`);
    for (const key of CONTROL_KEYS) assert.ok(declared.includes(key), `the chat control ${key} writes an undeclared setting`);
  });

  it('gives every setting a markdownDescription and a scope, and every enum its descriptions', () => {
    for (const [name, property] of Object.entries(manifest.contributes.configuration.properties)) {
      assert.ok(property.markdownDescription, `${name} has no markdownDescription`);
      assert.ok(property.scope, `${name} has no scope`);
      if (property.enum) assert.equal(property.enumDescriptions?.length, property.enum.length, `${name} enumDescriptions`);
    }
  });

  it('contributes every command id the code registers, each with a category', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command);
    for (const id of Object.values(CommandIds)) assert.ok(contributed.includes(id), `${id} is not contributed`);
    for (const command of manifest.contributes.commands) assert.equal(command.category, 'Claude Messages', command.command);
    assert.ok(contributed.includes('claudeMessages.addFileToChat'), 'CONTRACT.md requires addFileToChat');
  });

  it('puts a when clause on every keybinding and palette entry', () => {
    for (const binding of manifest.contributes.keybindings) assert.ok(binding.when, `keybinding for ${binding.command}`);
    for (const entry of manifest.contributes.menus['commandPalette'] ?? []) assert.ok(entry.when, `palette entry ${entry.command}`);
  });
});
