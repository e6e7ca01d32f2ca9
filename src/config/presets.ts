/** Finding and validating presets: `extends: ehr-implementation` or a path relative to the config file. */
import { join, resolve as resolvePath, dirname } from 'node:path';
import { readdirSync } from 'node:fs';
import { packageRoot } from '../paths';
import { didYouMean } from './did-you-mean';
import type { ConfigIssue } from './issues';
import type { PresetFile } from './schema-preset';
import { presetSchema } from './schema-preset';
import { zodIssuesToConfig } from './zod-issues';
import { parseYaml } from './yaml-doc';

export function presetsDir(): string {
  return join(packageRoot(), 'config', 'presets');
}

export function builtInPresetIds(): string[] {
  try {
    return readdirSync(presetsDir())
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.replace(/\.yaml$/, ''))
      .sort();
  } catch {
    return [];
  }
}

export type PresetLookup =
  | { ok: true; preset: PresetFile; file: string }
  | { ok: false; missing: true; fix: string }
  | { ok: false; missing: false; issues: ConfigIssue[] };

export function loadPreset(ref: string, configFile: string, readFile: (p: string) => string): PresetLookup {
  const isPath = ref.includes('/') || ref.endsWith('.yaml') || ref.endsWith('.yml');
  const file = isPath ? resolvePath(dirname(configFile), ref) : join(presetsDir(), `${ref}.yaml`);
  let text: string;
  try {
    text = readFile(file);
  } catch {
    const ids = builtInPresetIds();
    const guess = isPath ? null : didYouMean(ref, ids);
    const fix = guess ? `did you mean \`${guess}\`?` : `use one of ${ids.join(', ')} or a path to a preset file`;
    return { ok: false, missing: true, fix };
  }
  const { src, issues } = parseYaml(file, text);
  if (issues.length) return { ok: false, missing: false, issues };
  const raw: unknown = src.doc.toJS();
  const parsed = presetSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, missing: false, issues: zodIssuesToConfig(src, presetSchema, raw, parsed.error.issues) };
  return { ok: true, preset: parsed.data, file };
}
