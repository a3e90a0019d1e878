// Every relative link of the Markdown docs points to a file that exists, and every `#anchor` to a heading of the
// target, with GitHub's heading ids (lower case, punctuation dropped, spaces to hyphens, repeats numbered).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : markdownFiles(full);
    return entry.name.endsWith('.md') ? [full] : [];
  });
}

const files = [
  path.join(root, 'README.md'),
  path.join(root, 'CONTRIBUTING.md'),
  ...markdownFiles(path.join(root, 'docs')),
  ...['core', 'eslint-plugin', 'codemods', 'cli'].map((name) => path.join(root, 'packages', name, 'README.md')),
];

/** GitHub's ids of a Markdown file's headings (outside code blocks). */
function anchors(file: string): Set<string> {
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    if (fenced) continue;
    const heading = /^#{1,6}\s+(.*)$/u.exec(line)?.[1];
    if (heading === undefined) continue;
    const base = heading
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/gu, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    ids.add(count === 0 ? base : `${base}-${count}`);
  }
  return ids;
}

/** The relative links of a Markdown file (outside code blocks): `[text](target)`. */
function links(file: string): string[] {
  const text = readFileSync(file, 'utf8')
    .replace(/^```[\s\S]*?^```$/gmu, '')
    .replace(/`[^`\n]*`/gu, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/gu)]
    .map((match) => match[1]!)
    .filter((target) => !/^[a-z][a-z+.-]*:/iu.test(target));
}

describe('documentation links', () => {
  it.each(files.map((file) => [path.relative(root, file), file]))('%s: files and anchors exist', (_, file) => {
    const broken: string[] = [];
    for (const link of links(file)) {
      const [target = '', anchor] = link.split('#');
      const resolved = target === '' ? file : path.resolve(path.dirname(file), decodeURIComponent(target));
      if (!existsSync(resolved)) {
        broken.push(`${link}: no such file`);
        continue;
      }
      if (anchor !== undefined && statSync(resolved).isFile() && resolved.endsWith('.md')) {
        if (!anchors(resolved).has(anchor)) broken.push(`${link}: no heading with this id`);
      }
    }
    expect(broken).toEqual([]);
  });
});
