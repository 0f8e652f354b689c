/**
 * A language id for a file name, for the context header of an attached text file when the host has
 * no open document to ask. The ids are VS Code's; an unknown extension is `plaintext`.
 */
const BY_EXTENSION: Readonly<Record<string, string>> = {
  ts: 'typescript', tsx: 'typescriptreact', js: 'javascript', jsx: 'javascriptreact', mjs: 'javascript', cjs: 'javascript',
  json: 'json', jsonc: 'jsonc', md: 'markdown', py: 'python', rb: 'ruby', go: 'go', rs: 'rust', java: 'java', kt: 'kotlin',
  c: 'c', h: 'c', cc: 'cpp', cpp: 'cpp', hpp: 'cpp', cs: 'csharp', php: 'php', swift: 'swift', sh: 'shellscript', bash: 'shellscript',
  yml: 'yaml', yaml: 'yaml', toml: 'toml', xml: 'xml', svg: 'xml', html: 'html', htm: 'html', css: 'css', scss: 'scss', less: 'less',
  sql: 'sql', txt: 'plaintext', csv: 'csv', ini: 'ini', lua: 'lua', r: 'r', dart: 'dart', scala: 'scala', vue: 'vue',
};

export function languageOfPath(path: string): string {
  const base = path.split('/').pop() ?? path;
  if (base === 'Dockerfile') return 'dockerfile';
  if (base === 'Makefile') return 'makefile';
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return 'plaintext';
  return BY_EXTENSION[base.slice(dot + 1).toLowerCase()] ?? 'plaintext';
}
