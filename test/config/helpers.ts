import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadResult } from '../../src/config';
import { loadConfig } from '../../src/config';

export const ROOT = join(__dirname, '..', '..');
export const EXAMPLE = join(ROOT, 'config', 'examples', 'st-elsewhere-ehr.yaml');
export const EXAMPLE_ITEMS = join(ROOT, 'config', 'examples', 'st-elsewhere-items.ndjson');

/** Load config text as if it were the file `name`; presets and other paths still come from disk. */
export function loadText(text: string, env: Record<string, string | undefined> = {}, files: Record<string, string> = {}, name = '/virtual/vitals.yaml'): LoadResult {
  const all: Record<string, string> = { [name]: text, ...files };
  return loadConfig(name, { env, readFile: (p) => all[p] ?? readFileSync(p, 'utf8') });
}

export function errorsOf(r: LoadResult) {
  if (r.ok) throw new Error('expected the config to fail');
  return r.errors;
}

/** Phase dates for every phase id a preset may use, in order. */
export const PHASE_DATES = `
    phases:
      initiation:    { start: 2026-01-05, end: 2026-02-27 }
      planning:      { start: 2026-03-02, end: 2026-04-30 }
      design:        { start: 2026-05-04, end: 2026-07-10 }
      build:         { start: 2026-07-13, end: 2026-10-16 }
      testing:       { start: 2026-10-19, end: 2026-12-18 }
      training:      { start: 2027-01-04, end: 2027-02-26 }
      golive:        { start: 2027-02-27, end: 2027-03-12 }
      stabilization: { start: 2027-03-15, end: 2027-05-28 }
      optimization:  { start: 2027-06-01, end: 2027-12-31 }`;

export const SOURCES = `sources:
  - kind: jira
    id: jira-main
    baseUrl: https://example.atlassian.net
    auth: { kind: basic, email: pmo@example.org, apiToken: "\${JIRA_API_TOKEN}" }
    jql: project = EHR
  - kind: asana
    id: asana-main
    token: \${ASANA_TOKEN}
    workspace: "1"
    projects: ["2"]
`;

export const ENV = { JIRA_API_TOKEN: 'jira-secret-token-123', ASANA_TOKEN: 'asana-secret-token-456' };

/** A minimal valid config: one program extending `preset`, with `rules` (YAML, indented 4) appended. */
export function minimal(preset = 'ehr-implementation', rules = '', extra = ''): string {
  return `${SOURCES}programs:
  - id: prog
    extends: ${preset}
    sources: [jira-main, asana-main]${PHASE_DATES}
    milestones:
      go-live: { kind: golive, baseline: 2027-02-27, phase: golive }
${extra}    rules:
${rules || '      - { id: everything, set: { kind: task } }'}
`;
}
