/** A parsed YAML file that can say where any path is: every config error names file:line:col. */
import { Document, LineCounter, isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { Alias, Node } from 'yaml';
import type { ConfigIssue, PathSegment } from './issues';
import { formatPath } from './issues';

export interface SourceDoc {
  file: string;
  doc: Document;
  lines: LineCounter;
}

export function parseYaml(file: string, text: string): { src: SourceDoc; issues: ConfigIssue[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const src = { file, doc, lines };
  // One syntax error cascades into many; the first per line is the useful one.
  const issues: ConfigIssue[] = [];
  for (const e of doc.errors) {
    const { line, col } = lines.linePos(e.pos[0]);
    if (issues.some((i) => i.line === line) || issues.length >= 10) continue;
    const first = e.message.split('\n')[0] ?? e.message;
    const fix = first.includes('flow-map') ? 'quote values that contain `{`, `}` or `,`, e.g. "${TOKEN}"' : 'check indentation and quoting on this line';
    issues.push({ file, line, col, path: '', message: `YAML syntax: ${first}`, fix });
  }
  // Aliases are resolved only when the tree is read: an undefined anchor or an alias bomb throws there, not here.
  if (!issues.length) {
    try {
      doc.toJS();
    } catch (err) {
      const { line, col } = lines.linePos(badAlias(doc)?.range?.[0] ?? 0);
      const first = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
      const fix = first.startsWith('Excessive alias') ? 'write the values out instead of nesting aliases of aliases' : 'define the anchor (&name) before its alias (*name), or quote a value that starts with *';
      issues.push({ file, line, col, path: '', message: `YAML: ${first}`, fix });
    }
  }
  return { src, issues };
}

/** The first alias whose anchor is missing, else the first alias (an alias bomb has no single culprit). */
function badAlias(doc: Document): Alias | undefined {
  let unresolved: Alias | undefined;
  let first: Alias | undefined;
  visit(doc, {
    Alias(_key, node) {
      first ??= node;
      if (!unresolved && node.resolve(doc) === undefined) unresolved = node;
    },
  });
  return unresolved ?? first;
}

/**
 * Position of `path` in the document: the value node (or, with `key`, the key of the last segment).
 * When the path does not exist (a missing key) it returns the deepest node that does.
 */
export function locate(src: SourceDoc, path: readonly PathSegment[], key = false): { line: number; col: number } {
  let node: unknown = src.doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const keyStart = rangeStart(pair.key);
      if (last && key && keyStart !== null) {
        offset = keyStart;
        break;
      }
      node = pair.value;
      offset = rangeStart(pair.value) ?? keyStart ?? offset;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item: unknown = node.items[seg];
      if (item === undefined) break;
      node = item;
      offset = rangeStart(item) ?? offset;
    } else break;
  }
  return src.lines.linePos(offset);
}

function rangeStart(node: unknown): number | null {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : null;
}

export function issueAt(
  src: SourceDoc,
  path: readonly PathSegment[],
  message: string,
  fix: string | null,
  key = false,
): ConfigIssue {
  const { line, col } = locate(src, path, key);
  return { file: src.file, line, col, path: formatPath(path), message, fix };
}
