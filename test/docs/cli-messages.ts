/**
 * The messages the CLI can print, read from the source so that docs/troubleshooting.md cannot drift from it.
 * A message is every string literal inside a message-bearing expression (a thrown error, a stderr write, a config
 * issue, an API error, a connector error); template placeholders split it into fragments, and every fragment long
 * enough to be meaningful must appear in the troubleshooting page verbatim.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** Files whose messages reach a user of `vitals` (directly, in `vitals status`, or as an HTTP answer). */
export function messageFiles(): string[] {
  const dir = (d: string, keep: (f: string) => boolean = () => true): string[] =>
    readdirSync(join(ROOT, d))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && keep(f))
      .map((f) => join(d, f));
  return [
    'bin/vitals.js',
    'src/cli.ts',
    'src/paths.ts',
    ...dir('src/cli'),
    ...dir('src/config'),
    'src/pipeline/redis.ts',
    'src/pipeline/steer.ts',
    'src/pipeline/pull.ts',
    'src/pipeline/run-once.ts',
    'src/pipeline/deliver/audit-export.ts',
    'src/pipeline/deliver/deliver-job.ts',
    'src/pipeline/deliver/acknowledge.ts',
    'connectors/errors.ts',
    'connectors/jira/index.ts',
    'connectors/jira/client.ts',
    'connectors/jira/http-errors.ts',
    'connectors/jira/webhook.ts',
    'connectors/asana/index.ts',
    'connectors/asana/client.ts',
    'connectors/asana/push.ts',
    'connectors/asana/webhook.ts',
    ...dir('src/api'),
  ];
}

/**
 * Where a message starts: a call whose arguments are messages, or a property / binding whose value is one.
 * `console.log` and `process.stdout.write` count in the CLI only (elsewhere they do not exist or are output).
 */
const CALLS = [
  /\bnew \w*Error\(/g,
  /\bsuper\(/g,
  /\bconsole\.error\(/g,
  /\bprocess\.stderr\.write\(/g,
  /\bio\.err\(/g,
  /\bissueAt\(/g,
  /(?<![.\w])at\(/g,
  /\bctx\.addIssue\(/g,
  /\.(?:regex|min|refine|showHelpAfterError)\(/g,
  /\berrorBody\(/g,
  /\bnotFound\(/g,
];
const CLI_CALLS = [/\bconsole\.log\(/g, /\bprocess\.stdout\.write\(/g];
const VALUES = [/\b(?:message|error|err|fix|out|detail|lastError):\s*(?=[`'"(])/g, /\bconst (?:message|fix|why)\s*=\s*(?=[`'"(])/g, /\bmessage = (?=`)/g];

/** Output lines that are table headers or data, not messages (kept short on purpose). */
export const NOT_MESSAGES = new Set<string>([
  'queue                waiting  active  delayed  failed  completed',
  '\nsource               status        items  last sync                 last error',
  'rule',
  // An audit entry's detail, not a message.
  'override cleared',
  // An internal invariant; the API answers it as `internal`.
  'unreachable: one program in, one view out',
]);

export interface Message {
  file: string;
  line: number;
  /** The literal's static text, with `${…}` placeholders cut out. */
  fragments: string[];
}

/** Reads a string literal starting at `i` (a quote); returns its static fragments and the index after it. */
function readLiteral(src: string, i: number): { fragments: string[]; end: number; nested: string[][] } {
  const quote = src[i];
  const fragments: string[] = [];
  const nested: string[][] = [];
  let cur = '';
  let j = i + 1;
  while (j < src.length) {
    const c = src[j] as string;
    if (c === '\\') {
      const n = src[j + 1] ?? '';
      cur += n === 'n' ? '\n' : n;
      j += 2;
      continue;
    }
    if (c === quote) {
      fragments.push(cur);
      return { fragments, end: j + 1, nested };
    }
    if (quote === '`' && c === '$' && src[j + 1] === '{') {
      fragments.push(cur);
      cur = '';
      const expr = skipExpression(src, j + 2, '}');
      nested.push(...expr.literals);
      j = expr.end + 1;
      continue;
    }
    cur += c;
    j += 1;
  }
  return { fragments: [...fragments, cur], end: j, nested };
}

/** Skips an expression up to the closing `close` at depth 0; collects the literals inside it. */
function skipExpression(src: string, i: number, close: string): { end: number; literals: string[][] } {
  const literals: string[][] = [];
  let depth = 0;
  let j = i;
  while (j < src.length) {
    const c = src[j] as string;
    if (c === '`' || c === "'" || c === '"') {
      const lit = readLiteral(src, j);
      literals.push(lit.fragments, ...lit.nested);
      j = lit.end;
      continue;
    }
    if (c === '/' && src[j + 1] === '/') {
      j = src.indexOf('\n', j);
      if (j < 0) break;
      continue;
    }
    if (c === '/' && /[(,=:[!&|?{};]\s*$/.test(src.slice(Math.max(0, j - 20), j))) {
      j = skipRegex(src, j);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth += 1;
    else if (c === ')' || c === ']' || c === '}') {
      // A closer at depth 0 ends the expression whatever it is (`err: ''` inside an object literal ends at `}`).
      if (depth === 0) return { end: j, literals };
      depth -= 1;
    } else if (depth === 0 && (close === ',' || close === ';') && (c === ',' || c === ';' || c === '\n')) return { end: j, literals };
    j += 1;
  }
  return { end: j, literals };
}

/** Skips a regular-expression literal starting at `i` (its opening slash), flags included. */
function skipRegex(src: string, i: number): number {
  let inClass = false;
  let j = i + 1;
  while (j < src.length) {
    const c = src[j];
    if (c === '/' && !inClass) break;
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    j += c === '\\' ? 2 : 1;
  }
  j += 1;
  while (j < src.length && /[a-z]/.test(src[j] as string)) j += 1;
  return j;
}

function lineOf(src: string, index: number): number {
  return src.slice(0, index).split('\n').length;
}

/** Every message of `file` (relative to the repository root). */
export function extractMessages(file: string): Message[] {
  const src = readFileSync(join(ROOT, file), 'utf8');
  const out: Message[] = [];
  const calls = file.startsWith('src/cli') || file.startsWith('bin/') ? [...CALLS, ...CLI_CALLS] : CALLS;
  for (const re of calls) {
    for (const m of src.matchAll(re)) {
      const start = (m.index ?? 0) + m[0].length;
      const { literals } = skipExpression(src, start, ')');
      for (const fragments of literals) out.push({ file, line: lineOf(src, m.index ?? 0), fragments });
    }
  }
  for (const re of VALUES) {
    for (const m of src.matchAll(re)) {
      const start = (m.index ?? 0) + m[0].length;
      const { literals } = skipExpression(src, start, ',');
      for (const fragments of literals) out.push({ file, line: lineOf(src, m.index ?? 0), fragments });
    }
  }
  return out;
}

/** A fragment worth checking: at least 12 characters and two words once trimmed, and not a table header. */
export function checkedFragments(msg: Message): string[] {
  if (msg.fragments.length === 1 && NOT_MESSAGES.has(msg.fragments[0] as string)) return [];
  return msg.fragments
    .map((f) => f.replace(/\s+/g, ' ').trim())
    .filter((f) => f.length >= 12 && /\s/.test(f) && !NOT_MESSAGES.has(f));
}

export function relativeToRoot(path: string): string {
  return relative(ROOT, path);
}
