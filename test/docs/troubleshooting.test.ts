/**
 * docs/troubleshooting.md lists every message the CLI can print: each message fragment read from the source
 * (./cli-messages.ts) must appear in the page verbatim, so a new or reworded message fails here until it is documented.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, checkedFragments, extractMessages, messageFiles } from './cli-messages';

const page = readFileSync(join(ROOT, 'docs', 'troubleshooting.md'), 'utf8');
const text = page.replace(/\s+/g, ' ');

/** Messages printed by commander (not our source) or built so that the scanner cannot see them. */
const EXTRA = [
  "error: required option '-c, --config <file>' not specified",
  "error: unknown command",
  "error: unknown option",
  'source ${source} failed (${err.reason}): ${err.message}',
  'source ${source} failed after ${attempts} attempts: ${message}',
];

describe('docs/troubleshooting.md', () => {
  const files = messageFiles();
  const messages = files.flatMap((f) => extractMessages(f));

  it('the scanner finds the messages (it would pass vacuously otherwise)', () => {
    expect(files.length).toBeGreaterThan(30);
    const fragments = messages.flatMap(checkedFragments);
    expect(fragments.length).toBeGreaterThan(150);
    expect(fragments).toContain('environment variable');
    expect(fragments).toContain('X-Hub-Signature does not match the body');
  });

  it('holds every message fragment of the CLI, the config loader, the connectors and the API', () => {
    const missing = new Set<string>();
    for (const m of messages) for (const f of checkedFragments(m)) if (!text.includes(f)) missing.add(`${m.file}:${m.line}  ${f}`);
    expect([...missing]).toEqual([]);
  });

  it('holds the messages printed by commander and the composed ones', () => {
    for (const e of EXTRA) for (const part of e.split(/\$\{[^}]*\}/).map((p) => p.trim()).filter((p) => p.length >= 12)) expect(text).toContain(part);
  });

  it('names every error code of the API and every connector failure reason', () => {
    const codes = readFileSync(join(ROOT, 'src/api/errors.ts'), 'utf8').match(/\| '([a-z_]+)'/g) ?? [];
    const reasons = readFileSync(join(ROOT, 'connectors/errors.ts'), 'utf8').match(/\| '([a-z_]+)'/g) ?? [];
    expect(codes.length).toBeGreaterThan(5);
    expect(reasons.length).toBeGreaterThan(4);
    for (const c of [...codes, ...reasons]) expect(page).toContain(`\`${c.slice(3, -1)}\``);
  });
});
