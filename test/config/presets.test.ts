import { builtInPresetIds } from '../../src/config';
import { errorsOf, ENV, loadText, minimal } from './helpers';

describe('presets', () => {
  const ids = builtInPresetIds();

  it('ships the four program types', () => {
    expect(ids).toEqual(['ehr-implementation', 'pacs-ris-upgrade', 'patient-portal', 'telehealth-rollout']);
  });

  it.each(ids)('%s loads and resolves with every default filled', (id) => {
    const r = loadText(minimal(id), ENV);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    const p = r.config.programs[0]!.program;
    expect(p.preset).toBe(id);
    expect(p.phases.map((x) => x.order)).toEqual(p.phases.map((_, i) => i + 1));
    expect(p.weights).toEqual({ schedule: 25, compliance: 25, clinical: 20, flow: 15, hygiene: 5, budget: 10 });
    expect(p.thresholds.green).toBe(80);
    expect(p.caps.overdueGateBlockingNext).toBe(59);
    expect(p.escalation.levels.map((l) => l.id)).toEqual(['L0', 'L1', 'L2', 'L3', 'L4', 'L5']);
    expect(p.gates.find((g) => g.id === 'hipaa-sra')).toMatchObject({ class: 'statutory', citation: expect.stringContaining('164.308') });
    expect(p.signoffs.some((s) => s.id === 'sponsor' && s.goNoGo)).toBe(true);
    expect(p.start).toBe('2026-01-05');
  });

  it('keeps optional gates off until a program turns them on, and lets it override or disable by id', () => {
    const base = loadText(minimal(), ENV);
    if (!base.ok) throw new Error('base config failed');
    const gates = base.config.programs[0]!.program.gates.map((g) => g.id);
    expect(gates).toContain('hipaa-sra');
    expect(gates).not.toContain('part11');

    const extra = `    gates:
      part11: { enabled: true }
      hipaa-sra: { leadTimeDays: 70 }
      info-blocking: { enabled: false }
      local-policy: { name: Local policy, regulation: Hospital policy, citation: POL-12, ownerRole: privacy, blocksPhase: golive, leadTimeDays: 10, class: advisory }
`;
    const r = loadText(minimal('ehr-implementation', '', extra), ENV);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    const g = r.config.programs[0]!.program.gates;
    expect(g.find((x) => x.id === 'part11')).toBeDefined();
    expect(g.find((x) => x.id === 'hipaa-sra')!.leadTimeDays).toBe(70);
    expect(g.find((x) => x.id === 'info-blocking')).toBeUndefined();
    expect(g.find((x) => x.id === 'local-policy')).toMatchObject({ bufferDays: 14, calendarDays: false, class: 'advisory' });
  });

  it('fills config-wide defaults', () => {
    const r = loadText(minimal(), ENV);
    if (!r.ok) throw new Error('failed');
    const c = r.config;
    expect(c.schedules).toEqual({ poll: '*/2 * * * *', reconcile: '17 3 * * *' });
    expect(c.writeback).toEqual({ dryRun: false, resolvedNote: true, target: 'item', titles: 'redact' });
    expect(c.server).toEqual({ port: 8080, publicUrl: 'http://localhost:8080' });
    expect(c.audit.retentionDays).toBe(2190);
    expect(c.sources[0]).toMatchObject({ kind: 'jira', lookbackMinutes: 5, pageSize: 100, maxConcurrency: 1, fixVersionsAsMilestones: true, customFields: {} });
    expect(c.sources[1]).toMatchObject({ kind: 'asana', baseUrl: 'https://app.asana.com/api/1.0', includeSubtasks: false, statusUpdates: false, maxConcurrency: 10 });
  });

  it('names an unknown preset with a did-you-mean', () => {
    const errors = errorsOf(loadText(minimal('ehr-implementaton'), ENV));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: 'programs[0].extends', fix: 'did you mean `ehr-implementation`?' });
  });
});
