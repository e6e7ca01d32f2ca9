/**
 * `loadConfig` under fuzzing: YAML-ish text and mutations of the shipped example (keys dropped, wrong types,
 * random strings in numeric fields, unknown keys, broken indentation, truncation). It never throws; it answers
 * either a config or issues that each format as `file:line:col  path  message  (fix: …)` on one line; and no
 * secret (from the environment or from a `${file:…}`) ever appears in what it returns.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { formatIssues, loadConfig, presetsDir, type LoadResult } from '../../src/config';
import { runs } from './helpers';

const EXAMPLE = readFileSync(join(__dirname, '..', '..', 'config', 'examples', 'st-elsewhere-ehr.yaml'), 'utf8');
const FILE = '/virtual/st-elsewhere-ehr.yaml';
const SECRET_FILE = '/run/secrets/asana-token';

/** Recognisable secrets, one with the characters that escaping would change. */
const ENV = {
  JIRA_API_TOKEN: 'EnvSecret-JiraTok-Q7xKp2',
  JIRA_EMAIL: 'EnvSecret-mail-Hx3v@st-elsewhere.example',
  JIRA_WEBHOOK_SECRET: 'EnvSecret-Hook-W9vLc1',
  ASANA_TOKEN: 'EnvSecret-As"an\\a: #M4pZt9',
};
const FILE_SECRET = 'FileSecret-R2dN8qLw';
const SECRETS = [...Object.values(ENV), FILE_SECRET];

const presets = presetsDir();
const presetText = new Map<string, string>();
function load(text: string): LoadResult {
  return loadConfig(FILE, {
    env: ENV,
    readFile: (p) => {
      if (p === FILE) return text;
      if (p === SECRET_FILE) return `${FILE_SECRET}\n`;
      if (p.startsWith(presets)) return presetText.get(p) ?? presetText.set(p, readFileSync(p, 'utf8')).get(p) ?? '';
      throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
    },
  });
}

const LINE = /^(.+?):(\d+):(\d+) {2}(.+?) {2}\(fix: (.+)\)$/;

/** The whole contract of a load, checked on any text. */
function check(text: string): LoadResult {
  let result: LoadResult;
  try {
    result = load(text);
  } catch (err) {
    throw new Error(`loadConfig threw: ${err instanceof Error ? err.stack : String(err)}`);
  }
  if (result.ok) return result;
  expect(result.errors.length).toBeGreaterThan(0);
  const lines = text.split('\n').length;
  for (const e of result.errors) {
    // Each issue is one line of the documented shape, names a place inside the file and says how to fix it.
    const formatted = formatIssues([e]);
    expect(formatted).toMatch(LINE);
    expect(e.file === FILE || e.file.startsWith(presets)).toBe(true);
    expect(e.line).toBeGreaterThanOrEqual(1);
    if (e.file === FILE) expect(e.line).toBeLessThanOrEqual(lines + 1);
    expect(e.col).toBeGreaterThanOrEqual(1);
    expect(typeof e.fix === 'string' && e.fix.trim().length > 0).toBe(true);
    expect(e.message.trim().length).toBeGreaterThan(0);
  }
  const out = `${JSON.stringify(result.errors)}\n${formatIssues(result.errors)}`.toLowerCase();
  for (const s of SECRETS) {
    expect(out.includes(s.toLowerCase()) || out.includes(JSON.stringify(s).slice(1, -1).toLowerCase())).toBe(false);
  }
  return result;
}

// ---- arbitrary YAML-ish text ----

const KEYS = ['sources', 'programs', 'kind', 'id', 'baseUrl', 'auth', 'token', 'apiToken', 'email', 'jql', 'pageSize', 'extends', 'phases', 'rules', 'when', 'set', 'gate', 'milestones', 'baseline', 'start', 'end', 'schedules', 'server', 'port', 'channels', 'webhookSecret', 'statusMap', 'budget', 'bac'];
const SECRET_REFS = ['${JIRA_API_TOKEN}', '"${ASANA_TOKEN}"', 'pre-${JIRA_EMAIL}-post', '${file:/run/secrets/asana-token}', '${JIRA_WEBHOOK_SECRET:-x}', "'${ASANA_TOKEN}'", '${UNSET_VAR}', '${BAD NAME}', '${file:/nope}', '$${LITERAL}'];
const SCALARS = ['jira', 'asana', 'ehr-implementation', '2026-03-02', '2026-02-30', '12', '-1', '1e309', '.nan', 'true', 'null', '~', 'https://x.example', '[a, b]', '{ a: 1 }', '{', '[', '"unterminated', "'", '&anchor x', '*alias', '!!binary x', '|', '>', '- item', ':', '#c', '@', '`', '%YAML 1.2', '---', '...'];
const token = fc.oneof(fc.constantFrom(...KEYS), fc.constantFrom(...SECRET_REFS), fc.constantFrom(...SCALARS), fc.string({ maxLength: 8 }));
const yamlLine = fc.tuple(fc.nat({ max: 8 }), fc.constantFrom('map', 'seq', 'raw', 'comment'), token, token).map(([indent, form, a, b]) => {
  const pad = ' '.repeat(indent);
  if (form === 'map') return `${pad}${a}: ${b}`;
  if (form === 'seq') return `${pad}- ${a}: ${b}`;
  if (form === 'comment') return `${pad}# ${a}`;
  return `${pad}${a}${b}`;
});
const yamlish = fc.oneof(fc.array(yamlLine, { maxLength: 25 }).map((l) => l.join('\n')), fc.string({ maxLength: 200 }), fc.constantFrom('', '\n', '\t', '\uFEFF', 'a: b\n\ta: c', '? [a]\n: b'));

// ---- mutations of the example ----

type Path = Array<string | number>;
function paths(doc: Document): Path[] {
  const out: Path[] = [];
  const walk = (node: unknown, path: Path) => {
    if (path.length) out.push(path);
    if (isMap(node)) for (const p of node.items) walk(p.value, [...path, isScalar(p.key) ? String(p.key.value) : '?']);
    else if (isSeq(node)) node.items.forEach((n, i) => walk(n, [...path, i]));
  };
  walk(doc.contents, []);
  return out;
}

const badValue = fc.oneof(
  fc.constantFrom<unknown>(null, true, 0, -1, Infinity, 3.5, [], {}, [1, 2], { unknown: 1 }, '', 'lots', '2026-02-30', 'not a url', 'NaN'),
  fc.constantFrom(...SECRET_REFS.map((r) => r.replace(/^["']|["']$/g, ''))),
  fc.string({ maxLength: 12 }),
  fc.integer(),
);

type Op =
  | { op: 'delete'; at: number }
  | { op: 'set'; at: number; value: unknown }
  | { op: 'unknownKey'; at: number; key: string }
  | { op: 'indent'; line: number; by: string }
  | { op: 'dropLine'; line: number }
  | { op: 'dupLine'; line: number }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; text: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.nat().map((at): Op => ({ op: 'delete', at })),
  { arbitrary: fc.tuple(fc.nat(), badValue).map(([at, value]): Op => ({ op: 'set', at, value })), weight: 3 },
  fc.tuple(fc.nat(), fc.oneof(fc.constantFrom('pagesize', 'webhooksecret', 'Extends', 'colour', 'tokens', 'jqll'), fc.string({ minLength: 1, maxLength: 8 }))).map(([at, key]): Op => ({ op: 'unknownKey', at, key })),
  fc.tuple(fc.nat(), fc.constantFrom(' ', '  ', '\t', '-1', '-2')).map(([line, by]): Op => ({ op: 'indent', line, by })),
  fc.nat().map((line): Op => ({ op: 'dropLine', line })),
  fc.nat().map((line): Op => ({ op: 'dupLine', line })),
  fc.nat().map((at): Op => ({ op: 'truncate', at })),
  fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...SCALARS), fc.constantFrom(...SECRET_REFS), fc.string({ maxLength: 6 }))).map(([at, text]): Op => ({ op: 'insert', at, text })),
);

/** Structural ops edit the YAML tree (the file stays YAML); textual ops then break the text itself. */
const BASE = parseDocument(EXAMPLE);
function mutate(ops: Op[]): string {
  const doc = BASE.clone();
  const structural = ops.filter((o) => o.op === 'delete' || o.op === 'set' || o.op === 'unknownKey');
  for (const o of structural) {
    const all = paths(doc);
    const path = all[(o as { at: number }).at % all.length] ?? [];
    if (o.op === 'delete') doc.deleteIn(path);
    else if (o.op === 'set') doc.setIn(path, o.value);
    else if (o.op === 'unknownKey') {
      const maps = all.filter((p) => isMap(doc.getIn(p, true)));
      const at = maps[o.at % Math.max(1, maps.length)];
      if (at) doc.setIn([...at, o.key], 'x');
    }
  }
  let text = doc.toString();
  for (const o of ops) {
    const lines = text.split('\n');
    const i = 'line' in o ? o.line % lines.length : 0;
    if (o.op === 'indent') {
      const l = lines[i] ?? '';
      lines[i] = o.by.startsWith('-') ? l.slice(Number(o.by.slice(1))) : o.by + l;
      text = lines.join('\n');
    } else if (o.op === 'dropLine') text = lines.filter((_l, j) => j !== i).join('\n');
    else if (o.op === 'dupLine') text = [...lines.slice(0, i + 1), lines[i] ?? '', ...lines.slice(i + 1)].join('\n');
    else if (o.op === 'truncate') text = text.slice(0, o.at % (text.length + 1));
    else if (o.op === 'insert') {
      const at = o.at % (text.length + 1);
      text = text.slice(0, at) + o.text + text.slice(at);
    }
  }
  return text;
}

describe('loadConfig under fuzzing', () => {
  it('the unmutated example loads (so the mutations start from a good file)', () => {
    expect(check(EXAMPLE).ok).toBe(true);
  });

  it('arbitrary YAML-ish text: never throws, located issues with a fix, no secret', () => {
    fc.assert(
      fc.property(yamlish, (text) => {
        check(text);
      }),
      runs(200),
    );
  });

  it('mutations of the example: never throws, located issues with a fix, no secret', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 4 }), (ops) => {
        check(mutate(ops));
      }),
      runs(50),
    );
  });

  it('a secret substituted into any scalar of the example never comes back in an issue', () => {
    const ref = fc.constantFrom('${JIRA_API_TOKEN}', '${ASANA_TOKEN}', 'x-${JIRA_EMAIL}', '${file:/run/secrets/asana-token}', '${JIRA_WEBHOOK_SECRET}');
    fc.assert(
      fc.property(fc.nat(), ref, fc.option(fc.nat(), { nil: undefined }), (at, value, second) => {
        const doc = BASE.clone();
        const all = paths(doc).filter((p) => isScalar(doc.getIn(p, true)));
        doc.setIn(all[at % all.length] ?? [], value);
        if (second !== undefined) doc.setIn(all[second % all.length] ?? [], value);
        check(doc.toString());
      }),
      runs(40),
    );
  });

  describe('regressions the fuzzer found', () => {
    const errorsOf = (text: string) => {
      const r = check(text);
      if (r.ok) throw new Error('expected issues');
      return r.errors;
    };

    it('an alias without its anchor is a located YAML issue, not a ReferenceError', () => {
      expect(errorsOf('sources: []\nprograms: *nowhere\n')).toEqual([expect.objectContaining({ line: 2, col: 11, message: 'YAML: Unresolved alias (the anchor must be set before the alias): nowhere' })]);
    });

    it('an alias bomb is refused as a YAML issue', () => {
      const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...['b', 'c', 'd'].map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abc'[i]}`).join(', ')}]`)].join('\n');
      expect(errorsOf(bomb)[0]?.message).toMatch(/^YAML: Excessive alias count/);
    });

    it('a record key that is not an id names the key and how to fix it', () => {
      const text = EXAMPLE.replace('      build:  ', '      "bad key!":  ');
      const line = text.split('\n').findIndex((l) => l.includes('"bad key!"')) + 1;
      expect(errorsOf(text)).toEqual([
        expect.objectContaining({ line, col: 7, path: 'programs[0].phases["bad key!"]', fix: 'use letters, digits, dot, dash or underscore' }),
      ]);
    });
  });
});
