/**
 * `${ENV_VAR}`, `${ENV_VAR:-default}` and `${file:/path}` in string values, so credentials stay out of the
 * config file. `$${` writes a literal `${`. Every substituted value is remembered as a secret so that no
 * message can print it.
 */
import { Scalar, isMap, isScalar, isSeq } from 'yaml';
import type { ConfigIssue, PathSegment } from './issues';
import type { SourceDoc } from './yaml-doc';
import { issueAt } from './yaml-doc';

export interface SubstituteOptions {
  env: Record<string, string | undefined>;
  readFile: (path: string) => string;
}

const TOKEN = /\$\$\{|\$\{([^}]*)\}/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function substitute(src: SourceDoc, opts: SubstituteOptions, secrets: Set<string>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  walk(src.doc.contents, [], (scalar, path) => {
    const raw = scalar.value;
    if (typeof raw !== 'string' || !raw.includes('${')) return;
    let whole = false;
    const out = raw.replace(TOKEN, (match: string, expr: string | undefined, offset: number) => {
      if (match === '$${') return '${';
      whole = offset === 0 && match.length === raw.length;
      const value = resolve(expr ?? '', src, path, opts, issues);
      if (value !== null) secrets.add(value);
      return value ?? '';
    });
    // A plain `${PORT}` stands for the value itself, so numbers and booleans keep their type.
    scalar.value = whole && scalar.type === Scalar.PLAIN ? coerce(out) : out;
  });
  return issues;
}

function resolve(expr: string, src: SourceDoc, path: PathSegment[], opts: SubstituteOptions, issues: ConfigIssue[]): string | null {
  if (expr.startsWith('file:')) {
    const file = expr.slice(5).trim();
    try {
      return opts.readFile(file).replace(/\r?\n$/, '');
    } catch {
      issues.push(issueAt(src, path, `cannot read the file ${file} named by \${file:…}`, 'check the path and its permissions'));
      return null;
    }
  }
  const sep = expr.indexOf(':-');
  const name = sep >= 0 ? expr.slice(0, sep) : expr;
  if (!NAME.test(name)) {
    issues.push(issueAt(src, path, `\`\${${name}}\` is not a valid variable reference`, 'use ${NAME}, ${NAME:-default} or ${file:/path}; write $${ for a literal ${'));
    return null;
  }
  const value = opts.env[name];
  if (value !== undefined && value !== '') return value;
  if (sep >= 0) return expr.slice(sep + 2);
  issues.push(issueAt(src, path, `environment variable ${name} is not set`, `export ${name}=… before running, or write \${${name}:-default}`));
  return null;
}

function coerce(text: string): string | number | boolean {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === 'true') return true;
  if (text === 'false') return false;
  return text;
}

function walk(node: unknown, path: PathSegment[], visit: (s: Scalar, path: PathSegment[]) => void): void {
  if (isScalar(node)) visit(node, path);
  else if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      walk(pair.value, [...path, key], visit);
    }
  } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i], visit));
}
