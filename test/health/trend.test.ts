import { evaluateProgram } from '../../src/health';
import { formatProgram } from '../../src/health/report';
import { trendOf } from '../../src/health/trend';
import { DEFAULT_SCORING, type ProgramHistory } from '../../src/model';
import { input, makeProgram } from './fixtures';

const NOW = '2026-04-10T16:00:00Z';
const hist = (scores: Array<[string, number]>): ProgramHistory => ({ throughput: [], scores: scores.map(([at, score]) => ({ at, score })) });

describe('trend', () => {
  it('compares with the latest score at least 7 days old: ±trendPoints is up/down, less is flat', () => {
    const h = hist([['2026-03-20T16:00:00Z', 40], ['2026-04-03T16:00:00Z', 70], ['2026-04-08T16:00:00Z', 10]]);
    const now = new Date(NOW);
    // The 2026-04-03 score (exactly 7 days back) is the reference, not the newer 04-08 one nor the older 03-20 one.
    expect(trendOf(h, 75, now, 7, 5)).toBe('up');
    expect(trendOf(h, 74.9, now, 7, 5)).toBe('flat');
    expect(trendOf(h, 65, now, 7, 5)).toBe('down');
    expect(trendOf(h, 65.1, now, 7, 5)).toBe('flat');
  });

  it('uses the oldest score when the history is shorter than the window, ignores later scores, and is null without any', () => {
    const now = new Date(NOW);
    expect(trendOf(hist([['2026-04-08T16:00:00Z', 50], ['2026-04-09T16:00:00Z', 90]]), 60, now, 7, 5)).toBe('up');
    expect(trendOf(hist([['2026-04-11T16:00:00Z', 10]]), 60, now, 7, 5)).toBeNull();
    expect(trendOf(hist([]), 60, now, 7, 5)).toBeNull();
  });

  it('appears on the evaluation only with an earlier score, and follows thresholds.trendPoints and scoring.trend.windowDays', () => {
    const plain = evaluateProgram(input({ now: NOW }));
    expect(plain).not.toHaveProperty('trend');
    const history = hist([['2026-03-27T16:00:00Z', plain.score - 30], ['2026-04-06T16:00:00Z', plain.score - 3]]);
    expect(evaluateProgram(input({ now: NOW, history })).trend).toBe('up');
    // A 50-point threshold turns the same 30-point rise flat.
    const loose = makeProgram();
    loose.thresholds = { ...loose.thresholds, trendPoints: 50 };
    expect(evaluateProgram(input({ now: NOW, history, program: loose })).trend).toBe('flat');
    // A 3-day window takes the 04-06 score (3 points lower): flat at 5 points.
    const short = makeProgram();
    short.scoring = { ...structuredClone(DEFAULT_SCORING), trend: { windowDays: 3 } };
    expect(evaluateProgram(input({ now: NOW, history, program: short })).trend).toBe('flat');
  });
});

describe('trend in the readable report', () => {
  it('prints the direction beside the score only when there is one', () => {
    const plain = evaluateProgram(input({ now: NOW }));
    expect(formatProgram(plain)).not.toContain('trend');
    const history = hist([['2026-03-27T16:00:00Z', plain.score + 20]]);
    expect(formatProgram(evaluateProgram(input({ now: NOW, history })))).toContain(`score ${plain.score}  trend down`);
  });
});
