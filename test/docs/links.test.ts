/** Relative links between the docs pages and from the README point at files (and headings) that exist. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from './cli-messages';

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
function anchors(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const m of markdown.matchAll(/^#{1,6} (.+)$/gm)) {
    out.add((m[1] as string).toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-'));
  }
  return out;
}

const pages = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

describe('docs links', () => {
  it('has the five pages', () => {
    expect(pages.sort()).toEqual(
      ['README.md', 'docs/configuring-a-program.md', 'docs/connecting-jira-and-asana.md', 'docs/running-in-production.md', 'docs/security-and-phi.md', 'docs/troubleshooting.md'].sort(),
    );
  });

  it.each(pages)('%s links only to existing files and headings', (page) => {
    const text = readFileSync(join(ROOT, page), 'utf8');
    const broken: string[] = [];
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1] as string;
      if (/^https?:/.test(target)) continue;
      const [file, hash] = target.split('#');
      const path = file ? join(ROOT, dirname(page), file) : join(ROOT, page);
      if (!existsSync(path)) broken.push(target);
      else if (hash && !anchors(readFileSync(path, 'utf8')).has(hash)) broken.push(target);
    }
    expect(broken).toEqual([]);
  });
});
