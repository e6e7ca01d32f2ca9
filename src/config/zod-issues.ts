/** Turn zod issues into located config issues with a fix each; unknown keys get a did-you-mean. */
import type { z } from 'zod';
import { didYouMean } from './did-you-mean';
import type { ConfigIssue, PathSegment } from './issues';
import type { SourceDoc } from './yaml-doc';
import { issueAt } from './yaml-doc';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  in?: z.ZodType;
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The object schema at `path` (following wrappers, arrays, records and the right union branch). */
export function schemaAt(schema: z.ZodType, path: readonly PathSegment[], raw: unknown): z.ZodType | null {
  let s: z.ZodType | undefined = schema;
  let value = raw;
  for (let i = 0; i <= path.length && s; ) {
    const def = defOf(s);
    if (def.innerType) s = def.innerType;
    else if (def.type === 'pipe') s = def.in;
    else if (def.type === 'union') s = pickOption(def, value);
    else if (i === path.length) return s;
    else {
      const seg = path[i++] as PathSegment;
      value = isRecord(value) || Array.isArray(value) ? (value as Record<string, unknown>)[seg] : undefined;
      if (def.type === 'object') s = def.shape?.[String(seg)];
      else if (def.type === 'array') s = def.element;
      else if (def.type === 'record') s = def.valueType;
      else return null;
    }
  }
  return null;
}

function pickOption(def: Def, value: unknown): z.ZodType | undefined {
  const opts = def.options ?? [];
  if (def.discriminator && isRecord(value)) {
    const d = value[def.discriminator];
    return opts.find((o) => {
      const lit = defOf(o).shape?.[def.discriminator ?? ''];
      return lit && (defOf(lit) as Def & { values?: unknown[] }).values?.includes(d);
    });
  }
  return opts.find((o) => defOf(o).type === 'object') ?? opts[0];
}

export function objectKeys(schema: z.ZodType | null): string[] {
  if (!schema) return [];
  const def = defOf(schema);
  return def.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function zodIssuesToConfig(src: SourceDoc, root: z.ZodType, raw: unknown, issues: readonly z.core.$ZodIssue[], prefix: readonly PathSegment[] = []): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...(issue.path as PathSegment[])];
    if (issue.code === 'unrecognized_keys') {
      const allowed = objectKeys(schemaAt(root, issue.path as PathSegment[], raw));
      for (const key of issue.keys) {
        const guess = didYouMean(key, allowed);
        const fix = guess ? `did you mean \`${guess}\`?` : `remove it; allowed here: ${allowed.join(', ') || 'nothing'}`;
        out.push(issueAt(src, [...path, key], `unknown key \`${key}\``, fix, true));
      }
      continue;
    }
    const { message, fix } = describe(issue, path);
    out.push(issueAt(src, path, message, fix, issue.code === 'invalid_key'));
  }
  return out;
}

function describe(issue: z.core.$ZodIssue, path: PathSegment[]): { message: string; fix: string | null } {
  const last = path[path.length - 1];
  switch (issue.code) {
    case 'invalid_type': {
      const received = /received (\w+)/.exec(issue.message)?.[1];
      if (received === 'undefined') return { message: `missing required key \`${String(last)}\``, fix: `add \`${String(last)}:\` (${issue.expected})` };
      const fix = issue.expected === 'array' ? 'write it as a list, e.g. [value]' : `use a ${issue.expected} here${received ? `, not a ${received}` : ''}`;
      return { message: `expected ${issue.expected}${received ? `, got ${received}` : ''}`, fix };
    }
    case 'invalid_value':
      return { message: 'value not allowed here', fix: `use one of ${issue.values.map((v) => String(v)).join(', ')}` };
    case 'invalid_union': {
      const d = issue as unknown as { discriminator?: string; options?: unknown[] };
      if (d.discriminator) return { message: `unknown \`${d.discriminator}\``, fix: `use one of ${(d.options ?? []).map(String).join(', ')}` };
      return { message: 'value has none of the accepted shapes', fix: 'check the documented forms for this key (`vitals config schema`)' };
    }
    case 'too_small':
      return issue.origin === 'array' || issue.origin === 'string'
        ? { message: issue.message.replace(/^Too small: /, ''), fix: issue.origin === 'array' ? 'add at least one entry' : 'give a non-empty value' }
        : { message: `must be ≥ ${String(issue.minimum)}`, fix: `use a value of at least ${String(issue.minimum)}` };
    case 'too_big':
      return { message: `must be ≤ ${String(issue.maximum)}`, fix: `use a value of at most ${String(issue.maximum)}` };
    case 'invalid_format':
      return { message: issue.message.startsWith('Invalid') ? `bad format (${issue.format})` : issue.message, fix: formatFix(issue.message) };
    case 'invalid_key': {
      const inner = issue.issues[0]?.message;
      return { message: `bad key${inner ? ` (${inner})` : ''}`, fix: inner ? formatFix(inner) : 'rename the key' };
    }
    default:
      return { message: issue.message, fix: 'see `vitals config schema` for the expected form' };
  }
}

function formatFix(message: string): string {
  if (message.includes('YYYY-MM-DD')) return 'write the date as YYYY-MM-DD, e.g. 2026-03-01';
  if (message.includes('URL')) return 'write a full URL such as https://example.atlassian.net';
  if (message.includes('id:')) return 'use letters, digits, dot, dash or underscore';
  return 'see `vitals config schema` for the expected form';
}
