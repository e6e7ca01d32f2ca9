import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';
import { configJsonSchema, formatIssues, loadConfig } from '../../src/config';
import { runConfigCheck } from '../../src/cli/config';
import { buildProgram } from '../../src/cli';
import { EXAMPLE, EXAMPLE_ITEMS, ENV, errorsOf, loadText, minimal } from './helpers';

const exampleText = readFileSync(EXAMPLE, 'utf8');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('the St. Elsewhere example', () => {
  it('loads on a fresh clone with no environment (defaults point at the sandboxes)', () => {
    const r = loadConfig(EXAMPLE, { env: {} });
    if (!r.ok) throw new Error(formatIssues(r.errors));
    expect(r.config.sources.map((s) => s.id)).toEqual(['jira-main', 'asana-main']);
    const p = r.config.programs[0]!;
    expect(p.program.id).toBe('ehr-golive');
    const testing = p.program.phases.find((ph) => ph.id === 'testing')!;
    expect(testing.start <= '2026-11-23' && '2026-11-23' <= testing.end).toBe(true);
    expect(p.program.milestones.find((m) => m.kind === 'golive')!.baseline).toBe('2027-02-27');
    expect(p.program.gates.find((g) => g.id === 'hipaa-sra')!.leadTimeDays).toBe(63);
    expect(p.statusMap['ready for retest']).toBe('in_progress');
  });

  it('`config check --items` exits 0 with the summary and the per-rule report, never a title', () => {
    const c = capture();
    expect(runConfigCheck(EXAMPLE, { items: EXAMPLE_ITEMS, env: {} }, c.io)).toBe(0);
    const text = c.out.join('\n');
    expect(text).toContain('programs (1):');
    expect(text).toMatch(/gates \(10\): hipaa-sra→training/);
    expect(text).toMatch(/items: 66 read, 64 mapped, 2 unmapped/);
    expect(text).toMatch(/ehr-golive\/defects\s+8/);
    expect(text).toContain('jira:jira-main:EHR-150');
    expect(text).not.toContain('label printers');
    expect(c.err).toEqual([]);
  });

  it('a broken copy with three different errors prints three file:line:col lines and exits 1', () => {
    const broken = exampleText
      .replace('jql: project in (EHR, INT) ORDER BY updated ASC', 'jql: project in (EHR, INT) ORDER BY updated ASC\n    pageSize: many')
      .replace('    statusUpdates: true', '    statusUpdate: true')
      .replace('set: { gate: hipaa-baa, phase: planning }', 'set: { gate: hipaa-bba, phase: planning }');
    const errors = errorsOf(loadText(broken, {}, {}, EXAMPLE));
    const lines = formatIssues(errors).split('\n');
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l).toMatch(/^\S+st-elsewhere-ehr\.yaml:\d+:\d+ {2}\S+ {2}.+ {2}\(fix: .+\)$/);
    expect(lines.join('\n')).toContain('did you mean `statusUpdates`?');
    expect(lines.join('\n')).toContain('did you mean `hipaa-baa`?');
  });

  it('`vitals config check` through the command line sets exit code 1 on a bad file and prints nothing to stdout', async () => {
    const errs: string[] = [];
    const outs: string[] = [];
    const e = jest.spyOn(console, 'error').mockImplementation((l: string) => void errs.push(l));
    const o = jest.spyOn(console, 'log').mockImplementation((l: string) => void outs.push(l));
    try {
      await buildProgram().parseAsync(['node', 'vitals', 'config', 'check', '/nonexistent/vitals.yaml']);
      expect(process.exitCode).toBe(1);
      expect(errs.join('\n')).toContain('/nonexistent/vitals.yaml:1:1');
      expect(outs).toEqual([]);
    } finally {
      process.exitCode = undefined;
      e.mockRestore();
      o.mockRestore();
    }
  });

  it('`vitals config schema` is a JSON Schema that validates the example as written', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(configJsonSchema());
    expect(validate(parse(exampleText))).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    expect(validate({ ...parse(exampleText), bogus: 1 })).toBe(false);
  });

  it('the committed schema file is the generated one (after a schema change: UPDATE_SCHEMAS=1 npx jest test/config)', () => {
    const file = `${__dirname}/../../config/schemas/vitals-config.schema.json`;
    if (process.env.UPDATE_SCHEMAS === '1') writeFileSync(file, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
    const committed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    expect(committed).toEqual(configJsonSchema());
  });
});

describe('secrets', () => {
  const SECRET = 'jira-secret-token-123';

  it('never appear in error messages, even when a secret lands in an id', () => {
    const rules = `      - { id: r1, when: { source: ["\${JIRA_API_TOKEN}"] }, set: { phase: build } }`;
    const text = minimal('ehr-implementation', rules).replace('jql: project = EHR', 'jql: project = EHR\n    lookbackMinutes: "${JIRA_API_TOKEN}"');
    const errors = errorsOf(loadText(text, ENV));
    expect(errors.length).toBe(2);
    const printed = formatIssues(errors);
    expect(printed).not.toContain(SECRET);
    expect(printed).toContain('***');
  });

  it('never appear in the printed summary', () => {
    const c = capture();
    const env = { JIRA_API_TOKEN: SECRET, JIRA_EMAIL: 'bot-secret@example.org', ASANA_TOKEN: 'asana-secret-456', JIRA_WEBHOOK_SECRET: 'whsec-secret-789' };
    expect(runConfigCheck(EXAMPLE, { items: EXAMPLE_ITEMS, env }, c.io)).toBe(0);
    const all = [...c.out, ...c.err].join('\n');
    for (const v of Object.values(env)) expect(all).not.toContain(v);
    const r = loadConfig(EXAMPLE, { env });
    expect(r.ok && r.config.sources[0]!.kind === 'jira' && r.config.sources[0]!.auth).toEqual({ kind: 'basic', email: env.JIRA_EMAIL, apiToken: SECRET });
  });

  it('reads ${file:/path} and reports an unreadable file by path only', () => {
    const text = minimal().replace('"${JIRA_API_TOKEN}"', '"${file:/run/secrets/jira}"');
    const ok = loadText(text, ENV, { '/run/secrets/jira': 'from-file-secret\n' });
    expect(ok.ok && ok.config.sources[0]!.kind === 'jira' && ok.config.sources[0]!.auth).toMatchObject({ apiToken: 'from-file-secret' });
    const bad = errorsOf(loadText(text, ENV));
    expect(bad[0]!.message).toBe('cannot read the file /run/secrets/jira named by ${file:…}');
  });
});

describe('items file', () => {
  it('reports bad NDJSON lines with their line numbers and exits 1', () => {
    const c = capture();
    const file = `${tmpdir()}/vitals-items-${process.pid}.ndjson`;
    const good = readFileSync(EXAMPLE_ITEMS, 'utf8').split('\n')[0]!;
    writeFileSync(file, `${good}\n{not json\n${good.replace('"statusCategory": "done"', '"statusCategory": "finished"')}\n`);
    expect(runConfigCheck(EXAMPLE, { items: file, env: {} }, c.io)).toBe(1);
    const text = c.err.join('\n');
    expect(text).toContain(`${file}:2:1  not valid JSON`);
    expect(text).toMatch(new RegExp(`${file}:3:1  statusCategory`));
    expect(c.out).toEqual([]);
    unlinkSync(file);
  });
});
