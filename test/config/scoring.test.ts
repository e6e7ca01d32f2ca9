import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInPresetIds, presetsDir } from '../../src/config';
import { DEFAULT_SCORING } from '../../src/model';
import { ENV, errorsOf, loadText, minimal } from './helpers';

/** The preset text with its `scoring:` block (and the comment above it) cut out. */
function withoutScoring(id: string): string {
  const text = readFileSync(join(presetsDir(), `${id}.yaml`), 'utf8');
  const start = text.indexOf('# Scoring parameters');
  const end = text.indexOf('\nescalation:');
  if (start < 0 || end < start) throw new Error('preset layout changed');
  return text.slice(0, start) + text.slice(end + 1);
}

function programOf(text: string, files: Record<string, string> = {}) {
  const r = loadText(text, ENV, files);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path} ${e.message}`).join('\n'));
  return r.config.programs[0]!.program;
}

describe('scoring parameters in config', () => {
  it.each(builtInPresetIds())('%s carries the healthcare-domain defaults', (id) => {
    expect(programOf(minimal(id)).scoring).toEqual(DEFAULT_SCORING);
    expect(readFileSync(join(presetsDir(), `${id}.yaml`), 'utf8')).toMatch(/^scoring:$/m);
  });

  it('fills every scoring default for a preset that has no scoring block', () => {
    const text = minimal('./custom.yaml');
    const p = programOf(text, { '/virtual/custom.yaml': withoutScoring('ehr-implementation') });
    expect(p.scoring).toEqual(DEFAULT_SCORING);
  });

  it('merges a program override key by key (lists replace) and leaves the preset defaults alone', () => {
    const extra = `    scoring:
      compliance:
        classWeights: { statutory: 5 }
        overdueBands: [{ maxDays: 1, score: 50 }]
      risk:
        gateOverdue: { probability: 4 }
`;
    const p = programOf(minimal('ehr-implementation', '', extra));
    expect(p.scoring?.compliance).toEqual({
      notStartedInWindow: 80,
      overdueBands: [{ maxDays: 1, score: 50 }],
      overdueBeyond: 0,
      classWeights: { statutory: 5, contractual: 2, advisory: 1 },
    });
    expect(p.scoring?.risk.gateOverdue).toEqual({ probability: 4, impact: { statutory: 5, contractual: 4, advisory: 3 }, notBlockingGoLiveRelief: 1 });
    expect(p.scoring?.flow).toEqual(DEFAULT_SCORING.flow);
    // The shared defaults object is never mutated by a merge.
    expect(DEFAULT_SCORING.compliance.classWeights.statutory).toBe(3);
    expect(programOf(minimal()).scoring?.compliance.classWeights.statutory).toBe(3);
  });

  it('reports bad scoring values each on its own line with file:line, path and fix', () => {
    const extra = `    scoring:
      compliance:
        clasWeights: { statutory: 5 }
        overdueBands: [{ maxDays: 7, score: 30 }, { maxDays: 3, score: 60 }]
      risk:
        gateOverdue: { probability: 6 }
`;
    const errors = errorsOf(loadText(minimal('ehr-implementation', '', extra), ENV));
    const byPath = (p: string) => errors.find((e) => e.path.includes(p));
    expect(byPath('scoring.compliance.clasWeights')?.fix).toContain('classWeights');
    expect(byPath('scoring.compliance.overdueBands')?.message).toContain('ascending');
    expect(byPath('scoring.risk.gateOverdue.probability')).toMatchObject({ file: '/virtual/vitals.yaml' });
    for (const e of errors) expect(e.line).toBeGreaterThan(1);
    expect(errors).toHaveLength(3);
  });

  it('rejects combinations that break the formulas: flow points not adding up to 100, marks out of order', () => {
    const extra = `    scoring:
      flow: { throughputPoints: 50 }
      gateWindow: { atRiskNotStarted: 0.9 }
`;
    const errors = errorsOf(loadText(minimal('ehr-implementation', '', extra), ENV));
    expect(errors.map((e) => [e.path.replace(/^programs\[0\]\./, ''), e.message])).toEqual([
      ['scoring.flow', 'flow points add up to 110, not 100'],
      ['scoring.gateWindow.atRiskNotStarted', 'the not-started mark is after the at-risk mark'],
    ]);
    const fine = `    scoring:
      flow: { throughputPoints: 50, agePoints: 20 }
`;
    expect(programOf(minimal('ehr-implementation', '', fine)).scoring?.flow.throughputPoints).toBe(50);
  });
});
