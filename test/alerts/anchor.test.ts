/** The anchor of a gate with no tracker item: deterministic, phase first, milestones first, open first. */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { formatIssues, loadConfig } from '../../src/config';
import type { WorkItem } from '../../src/model/work-item';
import { anchorCandidates, phaseOfSubject } from '../../src/pipeline/deliver/anchor';
import { renderEscalationNotice } from '../../src/pipeline/deliver/notice-text';
import type { PipelineProgram } from '../../src/pipeline/types';

const env = { DEMO_JIRA_URL: 'http://jira.invalid', DEMO_ASANA_URL: 'http://asana.invalid', DEMO_ASANA_EHR: '1200000000000001', DEMO_ASANA_PACS: '1200000000000002' };
const loaded = loadConfig(join(__dirname, '..', '..', 'config', 'demo', 'vitals-demo.yaml'), { env, readFile: (p) => readFileSync(p, 'utf8') });
if (!loaded.ok) throw new Error(formatIssues(loaded.errors));
const first = loaded.config.programs[0];
if (!first) throw new Error('the demo config has no program');
const pp: PipelineProgram = first;

function item(instance: string, key: string, phase: string | null, kind: WorkItem['kind'], status: WorkItem['status'] = 'todo'): WorkItem {
  return {
    uid: `jira:${instance}:${key}`,
    source: { tool: 'jira', instance, key } as WorkItem['source'],
    program: pp.program.id,
    phase,
    kind,
    status,
    severity: null,
    gate: null,
    signoff: null,
    milestone: null,
    goLiveBlocking: false,
    rule: 'r',
  };
}

describe('anchor of an escalation with no tracker item', () => {
  const has = (i: string): boolean => i !== 'gone';

  it('maps a gate to the phase it blocks', () => {
    const gate = pp.program.gates.find((g) => g.id === 'vendor-assurance');
    expect(gate).toBeDefined();
    expect(phaseOfSubject(pp.program, 'vendor-assurance')).toBe(gate?.blocksPhase);
    expect(phaseOfSubject(pp.program, 'phase:build')).toBe('build');
    expect(phaseOfSubject(pp.program, 'nothing-known')).toBeNull();
  });

  it('prefers a milestone of the phase, then the phase, then the program; uid order; connector required', () => {
    const items = [
      item('j', 'Z-1', 'other', 'milestone'),
      item('j', 'B-2', 'design', 'task'),
      item('j', 'B-1', 'design', 'task'),
      item('j', 'C-9', 'design', 'milestone'),
      item('gone', 'A-0', 'design', 'milestone'),
    ];
    const keys = (phase: string | null): string[] => anchorCandidates(items, phase, has).map((r) => r.key);
    expect(keys('design')).toEqual(['C-9', 'B-1', 'B-2', 'Z-1']);
    expect(keys('build')).toEqual(['B-1', 'B-2', 'C-9', 'Z-1']);
    // Same items in another order: same anchor.
    expect(anchorCandidates([...items].reverse(), 'design', has)[0]?.key).toBe('C-9');
  });

  it('takes open items over closed ones, and closed ones when nothing is open', () => {
    const closed = [item('j', 'A-1', 'design', 'milestone', 'done'), item('j', 'B-1', 'design', 'task', 'cancelled')];
    expect(anchorCandidates([...closed, item('j', 'Z-9', null, 'task')], 'design', has).map((r) => r.key)).toEqual(['Z-9']);
    expect(anchorCandidates(closed, 'design', has).map((r) => r.key)).toEqual(['A-1', 'B-1']);
    expect(anchorCandidates([], 'design', has)).toEqual([]);
  });

  it('the notice on an anchor says the gate has no tracker item of its own', () => {
    const input = { subject: 'vendor-assurance', level: 'L1', due: '2026-10-20', audiences: ['pmo'], marker: 'esc.x.L1.2026-10-20', programUrl: 'http://v.test/p' };
    const anchored = renderEscalationNotice(pp, { ...input, anchored: true }, new Date('2026-10-22T12:00:00Z'));
    expect(anchored.lines).toContain("Gate vendor-assurance has no tracker item; this notice is posted on the phase's work so the team sees it.");
    expect(renderEscalationNotice(pp, input, new Date('2026-10-22T12:00:00Z')).lines.join('\n')).not.toContain('no tracker item');
  });
});
