/**
 * The adaptive pacer on an injected clock: when it starts pacing, how it spaces slots, how it learns a window,
 * and (simulated fixed window + random 429s) that it keeps a client near the limit without overshooting it.
 */
import { AdaptivePacer, type PacerTuning } from '../../connectors/http-kit/pacer';
import { seededRandom } from '../../connectors/sandbox-kit/faults';

function virtualClock() {
  const c = { t: 0, sleeps: [] as number[] };
  return {
    c,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.sleeps.push(ms);
      c.t += ms;
    },
  };
}

describe('AdaptivePacer', () => {
  it('does not pace until the server pushes back, and a lone bare 429 is not a push', async () => {
    const v = virtualClock();
    const pacer = new AdaptivePacer(v.now);
    for (let i = 0; i < 5; i += 1) {
      await pacer.take(v.sleep);
      pacer.success();
    }
    expect(pacer.limited({ window: false })).toBe(false);
    pacer.success();
    expect(pacer.limited({ window: false })).toBe(false);
    await pacer.take(v.sleep);
    expect(v.c.sleeps).toEqual([]);
    expect(pacer.snapshot().rate).toBeNull();
  });

  it('three bare 429s in a row start pacing at the most the server accepted in one second', async () => {
    const v = virtualClock();
    const pacer = new AdaptivePacer(v.now, { growth: 0 });
    for (let i = 0; i < 8; i += 1) {
      v.c.t += 100;
      pacer.success();
    }
    expect(pacer.limited({ window: false })).toBe(false);
    expect(pacer.limited({ window: false })).toBe(false);
    expect(pacer.limited({ window: false })).toBe(true);
    expect(pacer.snapshot()).toEqual({ rate: 8, cuts: 1 });
    await pacer.take(v.sleep);
    await pacer.take(v.sleep);
    await pacer.take(v.sleep);
    expect(v.c.sleeps).toEqual([125, 125]);
  });

  it('a 429 naming the window cuts at once, one cut per overshoot, then multiplicatively', () => {
    const v = virtualClock();
    const tuning: Partial<PacerTuning> = { growth: 0, decrease: 0.5, quietMs: 1000 };
    const pacer = new AdaptivePacer(v.now, tuning);
    for (let i = 0; i < 10; i += 1) pacer.success();
    expect(pacer.limited({ window: true })).toBe(true);
    expect(pacer.snapshot().rate).toBe(10);
    v.c.t += 500;
    expect(pacer.limited({ window: true })).toBe(false);
    v.c.t += 600;
    expect(pacer.limited({ window: true })).toBe(true);
    expect(pacer.snapshot()).toEqual({ rate: 5, cuts: 2 });
  });

  it('grows per success and lets go after a quiet spell', async () => {
    const v = virtualClock();
    const pacer = new AdaptivePacer(v.now, { growth: 0.5, idleResetMs: 5000 });
    for (let i = 0; i < 4; i += 1) pacer.success();
    pacer.limited({ window: true });
    pacer.success();
    pacer.success();
    expect(pacer.snapshot().rate).toBe(5);
    v.c.t += 5001;
    await pacer.take(v.sleep);
    await pacer.take(v.sleep);
    expect(pacer.snapshot().rate).toBeNull();
    expect(v.c.sleeps).toEqual([]);
  });

  /**
   * A server with a fixed 1 s window of R (opened by the first request after the last closed) plus 10 % random
   * 429s that do not use up the window, each with Retry-After 1 s. Requests are answered at once; a rejected
   * request becomes ready again only after its Retry-After.
   */
  function simulate(window: boolean, R: number, total: number, tuning: Partial<PacerTuning> = {}) {
    const v = virtualClock();
    const pacer = new AdaptivePacer(v.now, tuning);
    const random = seededRandom(7);
    let windowStart = -Infinity;
    let count = 0;
    let served = 0;
    let windowRejects = 0;
    let early = 0;
    const ready: number[] = Array.from({ length: total }, () => 0);
    return (async () => {
      while (ready.length > 0) {
        ready.sort((a, b) => a - b);
        const at = ready.shift() ?? 0;
        if (at > v.c.t) v.c.t = at;
        await pacer.take(v.sleep);
        if (v.c.t < at) early += 1;
        v.c.t += 2;
        if (random() < 0.1) {
          pacer.limited({ window: false });
          ready.push(v.c.t + 1000);
          continue;
        }
        if (v.c.t - windowStart >= 1000) {
          windowStart = v.c.t;
          count = 0;
        }
        count += 1;
        if (count > R) {
          windowRejects += 1;
          pacer.limited({ window });
          ready.push(v.c.t + 1000);
          continue;
        }
        served += 1;
        pacer.success();
      }
      return { share: served / (v.c.t / 1000) / R, windowRejects, early };
    })();
  }

  it.each([
    ['named windows (Jira)', true],
    ['bare 429s only (Asana)', false],
  ])('keeps a saturating client near R without hammering the window: %s', async (_name, window) => {
    const out = await simulate(window, 10, 1000);
    // The same client that never paces (no 429 is ever a signal).
    const unpaced = await simulate(false, 10, 1000, { streak: Infinity });
    expect(out.early).toBe(0);
    expect(out.share).toBeGreaterThan(0.9);
    // Paced, the window turns away only the probes at the top of each AIMD cycle; unpaced, everything beyond R.
    expect(out.windowRejects).toBeLessThan(unpaced.windowRejects / 4);
  });
});
