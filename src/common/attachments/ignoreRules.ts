/**
 * A small reader of `.gitignore` rules for the workspace file list. VS Code's stable `findFiles`
 * applies `files.exclude` but not ignore files (the `useIgnoreFiles` option exists only in the
 * proposed `findFiles2`), so the root `.gitignore` of each folder is applied here.
 *
 * Supported: blank lines and `#` comments, `!` negation, a trailing `/` (directories only), a
 * leading or inner `/` (anchored to the folder), `*`, `?` and `**`. Nested `.gitignore` files are
 * not read; a file they would hide is still offered, which errs on the side of showing too much.
 */

interface Rule {
  regex: RegExp;
  negate: boolean;
  directoryOnly: boolean;
}

function globToRegex(glob: string, anchored: boolean): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === '*' && glob[i + 1] === '*') {
      // `**/` matches any number of folders, a trailing `**` everything below.
      out += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else out += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`${anchored ? '^' : '^(?:.*/)?'}${out}(?:/.*)?$`);
}

/** Parses the text of a `.gitignore`. */
export function parseIgnoreRules(text: string): Rule[] {
  const rules: Rule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trimEnd();
    if (line === '' || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    const directoryOnly = line.endsWith('/');
    if (directoryOnly) line = line.slice(0, -1);
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    if (line === '') continue;
    rules.push({ regex: globToRegex(line, anchored), negate, directoryOnly });
  }
  return rules;
}

/**
 * Whether a folder-relative file path is ignored by `rules` (the last matching rule wins). A
 * directory-only rule matches when one of the path's folders matches it.
 */
export function isIgnored(relativePath: string, rules: readonly Rule[]): boolean {
  let ignored = false;
  const folders = relativePath.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'));
  for (const rule of rules) {
    const hit = rule.directoryOnly ? folders.some((f) => rule.regex.test(f)) : rule.regex.test(relativePath);
    if (hit) ignored = !rule.negate;
  }
  return ignored;
}

export type IgnoreRules = Rule[];
