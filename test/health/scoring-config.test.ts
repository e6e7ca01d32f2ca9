/** A `scoring:` override in the config file reaches the engine through the loader and `vitals evaluate`. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEvaluate } from '../../src/cli/evaluate';
import type { ProgramEvaluation } from '../../src/model';

const ROOT = join(__dirname, '..', '..');
const CONFIG = join(ROOT, 'config/examples/st-elsewhere-ehr.yaml');
const ITEMS = join(ROOT, 'config/examples/st-elsewhere-items.ndjson');
const NOW = '2026-11-10T14:00:00Z';

function evaluateWith(scoringYaml: string): ProgramEvaluation {
  const text = readFileSync(CONFIG, 'utf8');
  const anchor = '    baselineDate: 2026-03-02\n';
  if (!text.includes(anchor)) throw new Error('example layout changed');
  const file = join(mkdtempSync(join(tmpdir(), 'vitals-scoring-')), 'vitals.yaml');
  writeFileSync(file, text.replace(anchor, `${anchor}${scoringYaml}`));
  const r = runEvaluate({ config: file, items: ITEMS, now: NOW, json: true });
  if (r.code !== 0) throw new Error(r.err);
  const out = JSON.parse(r.out) as { programs: ProgramEvaluation[] };
  return out.programs[0] as ProgramEvaluation;
}

describe('scoring from config', () => {
  const plain = evaluateWith('');

  it('an explicit copy of the defaults gives byte-identical output', () => {
    const same = evaluateWith(`    scoring:
      compliance: { notStartedInWindow: 80, overdueBands: [{ maxDays: 3, score: 60 }, { maxDays: 7, score: 30 }] }
      flow: { throughputPoints: 40, agePoints: 30, blockedPoints: 30 }
`);
    expect(same).toEqual(plain);
  });

  it('gates that can no longer lose points lift compliance to 100 and leave every other component alone', () => {
    const compliance = (r: ProgramEvaluation) => r.components.find((c) => c.id === 'compliance');
    expect(compliance(plain)?.score).toBeLessThan(100);
    const lenient = evaluateWith(`    scoring:
      compliance:
        notStartedInWindow: 100
        overdueBands: [{ maxDays: 100000, score: 100 }]
`);
    expect(compliance(lenient)).toMatchObject({ score: 100, deductions: [] });
    const others = (r: ProgramEvaluation) => r.components.filter((c) => c.id !== 'compliance');
    expect(others(lenient)).toEqual(others(plain));
    // Risks and gate states do not depend on the compliance scores.
    expect(lenient.risks).toEqual(plain.risks);
  });

  it('risk exposure levels from config relabel the same risks', () => {
    const strict = evaluateWith(`    scoring:
      risk: { levels: { medium: 1, high: 1 } }
`);
    expect(plain.risks.some((r) => r.level !== 'high')).toBe(true);
    expect(strict.risks.every((r) => r.level === 'high')).toBe(true);
    expect(strict.risks.map((r) => r.fingerprint)).toEqual(plain.risks.map((r) => r.fingerprint));
  });
});
