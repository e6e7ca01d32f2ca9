/**
 * Throughput Monte Carlo per open milestone: resample past weekly done counts (zero weeks included) until the
 * remaining work is done, `forecastTrials` times, from an RNG seeded by program + milestone so every run
 * replays. P85 is the commitment date. Milestones are worked in baseline order, so a milestone's trials burn
 * down the open work of every earlier open milestone too.
 */
import type { MilestoneForecast, ProgramHistory } from '../model';
import { addDays, daysBetween, mondayOf } from '../risk/business-calendar';
import { isOpen, milestoneDone, milestoneWork, type EvalContext } from '../risk/context';
import { mulberry32, seedFrom } from './rng';

/** Ten years: a trial that has not finished by then is reported at the cap. */
const MAX_WEEKS = 520;

/** The last `weeks` complete weeks of throughput before `today` (the current, partial week is left out). */
export function throughputSamples(history: ProgramHistory, today: string, weeks: number): number[] {
  const thisWeek = mondayOf(today);
  const past = history.throughput
    .filter((w) => w.weekStart < thisWeek)
    .sort((a, b) => (a.weekStart < b.weekStart ? -1 : a.weekStart > b.weekStart ? 1 : 0));
  return past.slice(Math.max(0, past.length - weeks)).map((w) => Math.max(0, w.done));
}

/** Weeks to finish `remaining` items in each trial, sorted ascending. */
export function simulateWeeks(samples: readonly number[], remaining: number, trials: number, seed: number): Uint16Array {
  const s = Float64Array.from(samples);
  const n = s.length;
  const out = new Uint16Array(trials);
  const rnd = mulberry32(seed);
  for (let t = 0; t < trials; t++) {
    let sum = 0;
    let w = 0;
    while (sum < remaining && w < MAX_WEEKS) {
      sum += s[(rnd() * n) | 0] as number;
      w++;
    }
    out[t] = w;
  }
  return out.sort();
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: Uint16Array, p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i] ?? 0;
}

export interface ForecastFacts {
  forecasts: MilestoneForecast[];
  samples: number[];
}

export function forecastMilestones(ctx: EvalContext, history: ProgramHistory): ForecastFacts {
  const th = ctx.program.thresholds;
  const samples = throughputSamples(history, ctx.today, th.forecastWeeks);
  const enough = samples.length >= th.forecastMinWeeks;
  const moving = samples.some((x) => x > 0);
  const forecasts: MilestoneForecast[] = [];
  let ahead = 0;
  for (const m of ctx.milestones) {
    if (milestoneDone(ctx, m)) continue;
    const own = milestoneWork(ctx, m).filter(isOpen).length;
    ahead += own;
    const overdueDays = Math.max(0, daysBetween(m.baseline, ctx.today));
    if (!enough || !moving) {
      forecasts.push({
        milestone: m.id,
        baseline: m.baseline,
        method: 'due_date',
        p50: null,
        p85: null,
        slipDays: overdueDays,
        remainingItems: own,
        note: enough
          ? 'no forecast: no items finished in the throughput window; using the baseline date'
          : `no forecast: ${samples.length} of ${th.forecastMinWeeks} weeks of throughput history; using the baseline date`,
      });
      continue;
    }
    const weeks = simulateWeeks(samples, ahead, th.forecastTrials, seedFrom(ctx.program.id, m.id));
    const p50 = addDays(ctx.today, percentile(weeks, 0.5) * 7);
    const p85 = addDays(ctx.today, percentile(weeks, 0.85) * 7);
    forecasts.push({
      milestone: m.id,
      baseline: m.baseline,
      method: 'monte_carlo',
      p50,
      p85,
      slipDays: daysBetween(m.baseline, p85),
      remainingItems: own,
      note:
        `${th.forecastTrials} trials over ${samples.length} weeks of throughput; ${ahead} open items ` +
        `up to this milestone in baseline order; weekly resolution`,
    });
  }
  return { forecasts, samples };
}
