import { readFileSync } from 'node:fs';
import type { ProgramConfig, VitalsConfig } from '../../src/config';
import { loadConfig } from '../../src/config';
import { mapItems, mapProgramItems, parseSeverity } from '../../src/mapping';
import type { SourceItem } from '../../src/model';
import { ENV, EXAMPLE, EXAMPLE_ITEMS, loadText, minimal } from '../config/helpers';

function item(over: Partial<SourceItem>): SourceItem {
  return {
    tool: 'jira', instance: 'jira-main', key: 'EHR-1', id: '1', url: 'u', title: 'Some task', type: 'Task', status: 'To Do',
    statusCategory: 'todo', assignee: null, project: 'EHR', created: '2026-01-01T00:00:00Z', updated: '2026-01-01T00:00:00Z',
    start: null, due: null, completed: null, labels: [], components: [], parent: null, section: null, tags: [], customFields: {},
    approvalStatus: null, priority: null, resolution: null, fixVersions: [], blockedBy: [], version: '1', ...over,
  };
}

function configWith(rules: string, extra = ''): VitalsConfig {
  const r = loadText(minimal('ehr-implementation', rules, extra), ENV);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path} ${e.message}`).join('\n'));
  return r.config;
}

describe('mapping rules', () => {
  const config = configWith(
    [
      "      - { id: sev1-blockers, when: { type: [Bug], customFields: { Severity: [Sev1] } }, set: { severity: sev1, goLiveBlocking: true, phase: testing } }",
      '      - { id: bugs, when: { type: [bug] }, set: { phase: testing, severity: { from: priority }, goLiveBlockingLabel: go-live-blocker } }',
      '      - { id: sra, when: { labels: [HIPAA-SRA] }, set: { gate: hipaa-sra } }',
      '      - { id: sra-title, when: { title: "risk analysis" }, set: { gate: hipaa-sra, phase: testing } }',
      '      - { id: approvals, when: { source: [asana-main], approvalStatus: [approved, pending], section: [Sign-offs] }, set: { signoff: cmio } }',
      '      - { id: build, when: { parent: [EHR-4], components: [Orders] }, set: { phase: build } }',
      '      - { id: milestone, when: { tool: [asana], type: [milestone], tags: [go-live] }, set: { milestone: go-live } }',
      '      - { id: never, when: { project: [NOPE] }, set: { phase: build } }',
    ].join('\n'),
    '    statusMap: { Blocked: in_progress, Parked: cancelled }\n',
  );

  it('first match wins, in the order written', () => {
    const r = mapItems(config, [
      item({ key: 'B-1', type: 'Bug', customFields: { Severity: 'Sev1' }, priority: 'Low' }),
      item({ key: 'B-2', type: 'Bug', customFields: { Severity: 'Sev1' }, labels: ['hipaa-sra'] }),
      item({ key: 'B-3', type: 'Bug', priority: 'High', labels: ['go-live-blocker'] }),
      item({ key: 'S-1', labels: ['hipaa-sra'], title: 'Risk analysis scope' }),
    ]);
    expect(r.items.map((w) => [w.source.key, w.rule, w.kind, w.severity, w.goLiveBlocking])).toEqual([
      ['B-1', 'sev1-blockers', 'defect', 'sev1', true],
      ['B-2', 'sev1-blockers', 'defect', 'sev1', true],
      ['B-3', 'bugs', 'defect', 'sev2', true],
      ['S-1', 'sra', 'compliance', null, false],
    ]);
    expect(r.byRule).toMatchObject({ 'prog/sev1-blockers': 2, 'prog/bugs': 1, 'prog/sra': 1, 'prog/sra-title': 0, 'prog/never': 0 });
  });

  it('matches sections, approval status, parents, components, tags, title regex, tool and source', () => {
    const r = mapItems(config, [
      item({ key: 'T-1', title: 'HIPAA Risk Analysis: interfaces' }),
      item({ tool: 'asana', instance: 'asana-main', key: '11', type: 'approval', section: 'Sign-offs', approvalStatus: 'approved', statusCategory: 'done', status: 'completed' }),
      item({ tool: 'asana', instance: 'asana-main', key: '12', type: 'approval', section: 'Sign-offs', approvalStatus: 'rejected' }),
      item({ key: 'EHR-41', parent: 'EHR-4', components: ['Orders'] }),
      item({ key: 'EHR-42', parent: 'EHR-4', components: ['Nursing'] }),
      item({ tool: 'asana', instance: 'asana-main', key: '13', type: 'milestone', tags: ['Go-Live'] }),
    ]);
    expect(r.items.map((w) => [w.source.key, w.rule, w.kind, w.gate ?? w.signoff ?? w.milestone ?? w.phase])).toEqual([
      ['T-1', 'sra-title', 'compliance', 'hipaa-sra'],
      ['11', 'approvals', 'signoff', 'cmio'],
      ['EHR-41', 'build', 'task', 'build'],
      ['13', 'milestone', 'milestone', 'go-live'],
    ]);
    expect(r.items[1]!.status).toBe('done');
    expect(r.unmapped.map((u) => u.uid)).toEqual(['asana:asana-main:12', 'jira:jira-main:EHR-42']);
  });

  it('reports why nothing matched, naming condition keys and never titles or values', () => {
    const r = mapItems(config, [
      item({ key: 'X-1', title: 'Patient Jane Roe follow-up', parent: 'EHR-4', components: ['Pharmacy'] }),
      item({ instance: 'jira-other', key: 'X-2' }),
    ]);
    expect(r.items).toEqual([]);
    expect(r.unmapped).toEqual([
      { uid: 'jira:jira-main:X-1', reason: 'no rule of program `prog` matched (8 rules); closest `build` failed on components' },
      { uid: 'jira:jira-other:X-2', reason: 'source `jira-other` feeds no program' },
    ]);
    expect(JSON.stringify(r.unmapped)).not.toContain('Jane');
  });

  it('normalises status: category, cancelled resolutions from the preset, and the program statusMap', () => {
    const r = mapItems(config, [
      item({ key: 'A', labels: ['hipaa-sra'], status: 'In Review', statusCategory: 'in_progress' }),
      item({ key: 'B', labels: ['hipaa-sra'], status: 'Done', statusCategory: 'done', resolution: "Won't Do" }),
      item({ key: 'C', labels: ['hipaa-sra'], status: 'Blocked', statusCategory: 'todo' }),
      item({ key: 'D', labels: ['hipaa-sra'], status: 'parked', statusCategory: 'in_progress' }),
      item({ tool: 'asana', instance: 'asana-main', key: '9', type: 'milestone', tags: ['go-live'], status: 'Cancelled', section: 'Cancelled' }),
    ]);
    expect(r.items.map((w) => w.status)).toEqual(['in_progress', 'cancelled', 'in_progress', 'cancelled', 'cancelled']);
  });

  it('maps per program and in config order across programs', () => {
    const two = configWith('      - { id: all, set: { phase: build } }');
    const second: ProgramConfig = { ...two.programs[0]!, program: { ...two.programs[0]!.program, id: 'other' }, rules: two.programs[0]!.rules };
    const both: VitalsConfig = { ...two, programs: [two.programs[0]!, second] };
    const r = mapItems(both, [item({ key: 'Z' })]);
    expect(r.items.map((w) => w.program)).toEqual(['prog']);
    expect(r.byRule).toEqual({ 'prog/all': 1, 'other/all': 0 });
    expect(mapProgramItems(second, [item({ key: 'Z' })]).items[0]!.program).toBe('other');
  });

  it('reads severity in the shapes teams write it', () => {
    expect(['Sev1', 'S2', 'P3', 'Severity 4', '1', 'Highest', 'major', 'Lowest', 2, 'n/a', null].map(parseSeverity)).toEqual([
      'sev1', 'sev2', 'sev3', 'sev4', 'sev1', 'sev1', 'sev2', 'sev4', 'sev2', null, null,
    ]);
  });
});

describe('the example items', () => {
  it('map through the example rules onto gates, sign-offs, the milestone and defects', () => {
    const r = loadConfig(EXAMPLE, { env: {} });
    if (!r.ok) throw new Error('example failed to load');
    const items = readFileSync(EXAMPLE_ITEMS, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as SourceItem);
    const out = mapItems(r.config, items);
    expect(out.unmapped.map((u) => u.uid)).toEqual(['jira:jira-main:EHR-150', 'jira:jira-main:INT-40']);
    const by = (key: string) => out.items.find((w) => w.source.key === key)!;
    expect(by('EHR-100')).toMatchObject({ kind: 'compliance', gate: 'hipaa-sra', status: 'in_progress' });
    expect(by('INT-31')).toMatchObject({ kind: 'defect', severity: 'sev1', goLiveBlocking: true });
    expect(by('INT-34')).toMatchObject({ kind: 'defect', status: 'cancelled' });
    expect(by('EHR-55')).toMatchObject({ phase: 'testing', status: 'in_progress' });
    const gates = new Set(out.items.map((w) => w.gate).filter(Boolean));
    expect([...gates].sort()).toEqual(['breach-readiness', 'clia-results', 'epcs', 'hipaa-baa', 'hipaa-contingency', 'hipaa-privacy', 'hipaa-sra', 'info-blocking', 'onc-cehrt', 'vendor-assurance']);
    const privacy = out.items.find((w) => w.signoff === 'privacy')!;
    expect(privacy.source.approvalStatus).toBe('changes_requested');
    expect(out.items.filter((w) => w.kind === 'milestone').map((w) => w.milestone)).toEqual(['go-live']);
    const crossTool = out.items.find((w) => w.source.tool === 'asana' && w.source.blockedBy.some((b) => b.tool === 'jira'))!;
    expect(crossTool.gate).toBe('hipaa-sra');
  });
});
