import Ajv2020 from 'ajv/dist/2020';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProgram } from '../../src/cli';
import { deriveHistory, runEvaluate } from '../../src/cli/evaluate';
import { evaluationJsonSchema } from '../../src/health/evaluation-schema';
import { stableStringify } from '../../src/health/stable-json';
import { done, wi } from './fixtures';

const ROOT = join(__dirname, '..', '..');
const base = {
  config: join(ROOT, 'config/examples/st-elsewhere-ehr.yaml'),
  items: join(ROOT, 'config/examples/st-elsewhere-items.ndjson'),
};

describe('vitals evaluate', () => {
  it('is registered', () => {
    expect(buildProgram().helpInformation()).toContain('evaluate');
  });

  it('prints byte-identical JSON for the same --now, valid against the checked-in schema (UPDATE_SCHEMAS=1 rewrites it)', () => {
    const a = runEvaluate({ ...base, now: '2026-06-15T14:00:00Z', json: true });
    const b = runEvaluate({ ...base, now: '2026-06-15T14:00:00Z', json: true });
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    const file = join(ROOT, 'config/schemas/evaluation.schema.json');
    if (process.env.UPDATE_SCHEMAS === '1') writeFileSync(file, `${stableStringify(evaluationJsonSchema())}\n`);
    const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(stableStringify(schema)).toBe(stableStringify(evaluationJsonSchema()));
    const validate = new Ajv2020({ strict: false }).compile(schema);
    const parsed = JSON.parse(a.out) as { programs: Array<{ risks: Array<{ message: string }> }> };
    expect(validate(parsed)).toBe(true);
    expect(parsed.programs.length).toBeGreaterThan(0);
    // No titles leak into risk messages (the example titles start like "Epic: ...").
    const titles = readFileSync(base.items, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { title: string }).title);
    for (const r of parsed.programs.flatMap((p) => p.risks)) for (const t of titles) expect(r.message).not.toContain(t);
  });

  it('prints a readable report with score, components, gates, forecasts and risks', () => {
    const r = runEvaluate({ ...base, now: '2026-06-15T14:00:00Z' });
    expect(r.code).toBe(0);
    for (const s of ['score', 'component', 'compliance', 'gate hipaa-sra', 'sign-off', 'milestone', 'P85', 'sev']) expect(r.out).toContain(s);
  });

  it('uses a history file when given, and rejects a bad one or a bad --now with a clear error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vitals-eval-'));
    const good = join(dir, 'h.json');
    writeFileSync(good, JSON.stringify({ throughput: [{ weekStart: '2026-05-04', done: 3 }] }));
    const withHistory = JSON.parse(runEvaluate({ ...base, history: good, now: '2026-06-15T14:00:00Z', json: true }).out) as { programs: Array<{ forecasts: Array<{ method: string }> }> };
    expect(withHistory.programs[0]?.forecasts.every((f) => f.method === 'due_date')).toBe(true);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"nope": 1}');
    expect(runEvaluate({ ...base, history: bad, now: '2026-06-15T14:00:00Z' })).toMatchObject({ code: 2, out: '' });
    const r = runEvaluate({ ...base, now: 'tomorrow' });
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toContain('--now');
  });

  it('derives weekly throughput from completed dates, zero weeks included, current week left out', () => {
    const h = deriveHistory(
      [done({ key: 'A' }, '2026-03-02T15:00:00Z'), done({ key: 'B' }, '2026-03-03T15:00:00Z'), done({ key: 'C' }, '2026-03-17T15:00:00Z'), done({ key: 'D' }, '2026-03-24T15:00:00Z'), wi({ key: 'E' })],
      'America/New_York',
      new Date('2026-03-25T12:00:00Z'),
    );
    expect(h.throughput).toEqual([
      { weekStart: '2026-03-02', done: 2 },
      { weekStart: '2026-03-09', done: 0 },
      { weekStart: '2026-03-16', done: 1 },
    ]);
  });
});
