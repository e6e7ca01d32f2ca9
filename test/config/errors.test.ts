import { formatIssues } from '../../src/config';
import { didYouMean } from '../../src/config/did-you-mean';
import { ENV, errorsOf, loadText, minimal } from './helpers';

/** Line number (1-based) of the first line of `text` containing `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`fixture has no ${needle}`);
  return i + 1;
}

describe('config errors: each class gets its own located line', () => {
  it('wrong type', () => {
    const text = minimal().replace('jql: project = EHR', 'jql: project = EHR\n    pageSize: lots');
    const errors = errorsOf(loadText(text, ENV));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: lineOf(text, 'pageSize'), col: 15, path: 'sources[0].pageSize', message: 'expected number, got string' });
    expect(formatIssues(errors)).toMatch(/^\/virtual\/vitals\.yaml:\d+:15 {2}sources\[0\]\.pageSize {2}expected number, got string {2}\(fix: use a number here, not a string\)$/);
  });

  it('unknown key, with a did-you-mean pointing at the key itself', () => {
    const text = minimal().replace('jql: project = EHR', 'jql: project = EHR\n    pagesize: 50');
    const errors = errorsOf(loadText(text, ENV));
    expect(errors).toEqual([
      expect.objectContaining({ line: lineOf(text, 'pagesize'), col: 5, path: 'sources[0].pagesize', message: 'unknown key `pagesize`', fix: 'did you mean `pageSize`?' }),
    ]);
  });

  it('unknown key far from any real one lists what is allowed', () => {
    const text = `${minimal()}server: { colour: blue }\n`;
    const [e] = errorsOf(loadText(text, ENV));
    expect(e).toMatchObject({ path: 'server.colour', line: lineOf(text, 'colour'), fix: 'remove it; allowed here: port, publicUrl' });
  });

  it('missing environment variable names the variable, never a value', () => {
    const errors = errorsOf(loadText(minimal(), { ASANA_TOKEN: 'x-secret-x' }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: 'sources[0].auth.apiToken', message: 'environment variable JIRA_API_TOKEN is not set' });
    expect(errors[0]!.line).toBe(lineOf(minimal(), 'JIRA_API_TOKEN'));
  });

  it('gate blocking a phase that does not exist', () => {
    const extra = '    gates:\n      hipaa-sra: { blocksPhase: go-live }\n';
    const text = minimal('ehr-implementation', '', extra);
    const errors = errorsOf(loadText(text, ENV));
    expect(errors).toEqual([
      expect.objectContaining({
        line: lineOf(text, 'blocksPhase: go-live'),
        path: 'programs[0].gates.hipaa-sra.blocksPhase',
        message: 'gate `hipaa-sra` blocks phase `go-live`, which this program does not have',
        fix: 'did you mean `golive`?',
      }),
    ]);
  });

  it('rule pointing at an undefined gate, sign-off, milestone and phase', () => {
    const rules = [
      '      - { id: r1, when: { labels: [sra] }, set: { gate: hipaa-sar } }',
      '      - { id: r2, when: { labels: [x] }, set: { signoff: cmo } }',
      '      - { id: r3, when: { labels: [y] }, set: { milestone: golive } }',
      '      - { id: r4, when: { labels: [z] }, set: { phase: qa } }',
      '      - { id: r5, when: { source: [jira-mian] }, set: { phase: build } }',
    ].join('\n');
    const text = minimal('ehr-implementation', rules);
    const errors = errorsOf(loadText(text, ENV));
    expect(errors.map((e) => [e.line, e.path, e.fix])).toEqual([
      [lineOf(text, 'id: r1'), 'programs[0].rules[0].set.gate', 'did you mean `hipaa-sra`?'],
      [lineOf(text, 'id: r2'), 'programs[0].rules[1].set.signoff', 'did you mean `cmio`?'],
      [lineOf(text, 'id: r3'), 'programs[0].rules[2].set.milestone', 'did you mean `go-live`?'],
      [lineOf(text, 'id: r4'), 'programs[0].rules[3].set.phase', expect.stringContaining('use one of initiation, planning')],
      [lineOf(text, 'id: r5'), 'programs[0].rules[4].when.source[0]', 'did you mean `jira-main`?'],
    ]);
    expect(errors[0]!.message).toBe('rule `r1` points at gate `hipaa-sar`, which program `prog` does not define');
  });

  it('a program fed by an undefined source, a phase with no dates, a bad date and a bad regex', () => {
    const text = minimal('ehr-implementation', "      - { id: t, when: { title: 'sra(' } }")
      .replace('sources: [jira-main, asana-main]', 'sources: [jira-main, basecamp]')
      .replace('      optimization:  { start: 2027-06-01, end: 2027-12-31 }\n', '')
      .replace('baseline: 2027-02-27', 'baseline: 2027-02-30x');
    const errors = errorsOf(loadText(text, ENV));
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e]));
    expect(Object.keys(byPath).sort()).toEqual(['programs[0].milestones.go-live.baseline']);
    // The bad date stops this program's deeper checks (it does not parse); fix it and the rest show up.
    const fixed = errorsOf(loadText(text.replace('2027-02-30x', '2027-02-27'), ENV));
    expect(fixed.map((e) => e.path).sort()).toEqual(['programs[0].phases', 'programs[0].rules[0].when.title', 'programs[0].sources[1]']);
    expect(fixed.find((e) => e.path === 'programs[0].phases')!.message).toBe('phase `optimization` has no start and end date');
  });

  it('YAML syntax errors are located too', () => {
    const errors = errorsOf(loadText('sources:\n  - kind: jira\n   id: bad-indent\n'));
    expect(errors[0]).toMatchObject({ line: 3, message: expect.stringContaining('YAML syntax') });
  });

  it('every message carries a fix', () => {
    const text = minimal().replace('jql: project = EHR', 'jql: 5\n    pageSize: 9000\n    bogus: 1');
    const errors = errorsOf(loadText(text, ENV));
    expect(errors).toHaveLength(3);
    for (const e of errors) expect(e.fix).toBeTruthy();
  });
});

describe('did-you-mean', () => {
  it('suggests near misses and keys that contain the word, and nothing for strangers', () => {
    const keys = ['pollSchedule', 'pageSize', 'webhookSecret', 'jql'];
    expect(didYouMean('pagesize', keys)).toBe('pageSize');
    expect(didYouMean('schedule', keys)).toBe('pollSchedule');
    expect(didYouMean('jq', keys)).toBe('jql');
    expect(didYouMean('colour', keys)).toBeNull();
  });
});
