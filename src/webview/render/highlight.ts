/**
 * Syntax highlighting with highlight.js's core and a handful of languages (the full build would
 * triple the bundle). Unknown languages are shown as plain text: auto-detection runs every
 * grammar over the code and is too slow for streaming.
 */
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

const languages = { bash, c, cpp, csharp, css, diff, go, java, javascript, json, markdown, python, rust, shell, sql, typescript, xml, yaml };
for (const [name, grammar] of Object.entries(languages)) hljs.registerLanguage(name, grammar);

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** A language name reduced to characters that are safe in a class name. */
export function safeLanguage(lang: string | undefined): string {
  return (lang ?? '').toLowerCase().replace(/[^a-z0-9_+#.-]/g, '').slice(0, 32);
}

/** Highlighted HTML for `code` (highlight.js escapes the text), or escaped plain text. */
export function highlightToHtml(code: string, lang: string): string {
  if (lang && hljs.getLanguage(lang)) {
    compiled.add(lang);
    return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
  }
  return escapeHtml(code);
}

const compiled = new Set<string>();

/**
 * Compiles a language's grammar ahead of use. highlight.js compiles a grammar on its first
 * highlight, which takes 2-40 ms; doing it while the fence is still streaming (in idle time)
 * keeps that cost out of the frame that draws the finished block. Returns false when there was
 * nothing to do.
 */
export function compileLanguage(lang: string): boolean {
  if (!lang || compiled.has(lang) || !hljs.getLanguage(lang)) return false;
  compiled.add(lang);
  hljs.highlight('', { language: lang, ignoreIllegals: true });
  return true;
}

/** Whether a language would still need compiling. */
export function needsCompile(lang: string): boolean {
  return !!lang && !compiled.has(lang) && hljs.getLanguage(lang) !== undefined;
}
