/** `loadConfig`: read, substitute, validate and resolve the config file in one pass that reports every problem. */
import { readFileSync } from 'node:fs';
import type { ConfigIssue } from './issues';
import { scrubSecrets, sortIssues } from './issues';
import { loadPreset } from './presets';
import { resolveProgram } from './resolve';
import { resolveRules } from './rules';
import { configSchema } from './schema';
import { programSchema } from './schema-program';
import { SECRET_KEYS } from './schema-sources';
import { substitute } from './substitute';
import type { LoadOptions, LoadResult, ProgramConfig, SourceConfig } from './types';
import { issueAt, parseYaml } from './yaml-doc';
import { zodIssuesToConfig } from './zod-issues';

/**
 * Load the config at `file`. Never throws for bad input: every problem comes back in `errors`, each with file,
 * line, column, path and a fix, and no secret value in any of them.
 */
export function loadConfig(file: string, options: LoadOptions = {}): LoadResult {
  const env = options.env ?? process.env;
  const readFile = options.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  let text: string;
  try {
    text = readFile(file);
  } catch {
    return { ok: false, errors: [{ file, line: 1, col: 1, path: '', message: 'cannot read the config file', fix: 'check the path' }] };
  }
  const { src, issues } = parseYaml(file, text);
  if (issues.length) return { ok: false, errors: sortIssues(issues) };

  const secrets = new Set<string>();
  const substitution = substitute(src, { env, readFile }, secrets);
  issues.push(...substitution);
  const raw: unknown = src.doc.toJS();
  collectSecrets(raw, secrets);

  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    // A value whose substitution failed is empty; say so once (the missing variable), not twice.
    const failed = new Set(substitution.map((e) => e.path));
    issues.push(...zodIssuesToConfig(src, configSchema, raw, parsed.error.issues).filter((e) => !failed.has(e.path)));
  }

  const root = isObject(raw) ? raw : {};
  const rawSources = Array.isArray(root.sources) ? root.sources : [];
  const sourceIds = new Set<string>();
  rawSources.forEach((s: unknown, i) => {
    const id = isObject(s) && typeof s.id === 'string' ? s.id : null;
    if (id === null) return;
    if (sourceIds.has(id)) issues.push(issueAt(src, ['sources', i, 'id'], `source id \`${id}\` is used twice`, 'give each source its own id'));
    sourceIds.add(id);
  });

  const programs: ProgramConfig[] = [];
  const programIds = new Set<string>();
  const rawPrograms = Array.isArray(root.programs) ? root.programs : [];
  rawPrograms.forEach((rp: unknown, i) => {
    const p = programSchema.safeParse(rp);
    if (!p.success) return; // already reported by the whole-file parse
    const base = ['programs', i];
    if (programIds.has(p.data.id)) issues.push(issueAt(src, [...base, 'id'], `program id \`${p.data.id}\` is used twice`, 'give each program its own id'));
    programIds.add(p.data.id);
    p.data.sources.forEach((s, j) => {
      if (!sourceIds.has(s)) issues.push(issueAt(src, [...base, 'sources', j], `program feeds from source \`${s}\`, which is not defined`, `define it under sources: or use one of ${[...sourceIds].join(', ')}`));
    });
    const found = loadPreset(p.data.extends, file, readFile);
    if (!found.ok) {
      if (found.missing) issues.push(issueAt(src, [...base, 'extends'], `preset \`${p.data.extends}\` not found`, found.fix));
      else issues.push(...found.issues);
      return;
    }
    const ctx = { src, base, issues };
    const program = resolveProgram(ctx, p.data, found.preset);
    const rules = resolveRules(ctx, p.data, program, sourceIds);
    const statusMap = Object.fromEntries(
      Object.entries({ ...found.preset.statusMap, ...p.data.statusMap }).map(([k, v]) => [k.toLowerCase(), v]),
    );
    programs.push({ program, sources: p.data.sources, rules, statusMap });
  });

  if (issues.length || !parsed.success) {
    return { ok: false, errors: sortIssues(issues.map((e) => scrubSecrets(e, secrets))) };
  }
  const c = parsed.data;
  const sources: SourceConfig[] = c.sources;
  return {
    ok: true,
    config: { file, sources, programs, schedules: c.schedules, writeback: c.writeback, server: c.server, audit: c.audit, channels: c.channels },
  };
}

function collectSecrets(node: unknown, secrets: Set<string>): void {
  if (Array.isArray(node)) node.forEach((n) => collectSecrets(n, secrets));
  else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (SECRET_KEYS.has(k) && typeof v === 'string') secrets.add(v);
      else collectSecrets(v, secrets);
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export type { ConfigIssue };
