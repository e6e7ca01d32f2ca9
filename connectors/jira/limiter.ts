/**
 * A counting semaphore per Jira site. Jira's burst limits are per site and per user, so two connectors on the
 * same site in one process share one limiter (the larger configured concurrency wins).
 */
export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(public limit: number) {}

  async acquire(): Promise<() => void> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active += 1;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // Hand the slot over directly so a newcomer cannot overtake a waiter.
      if (next) next();
      else this.active -= 1;
    };
  }
}

const bySite = new Map<string, Limiter>();

export function siteLimiter(baseUrl: string, maxConcurrency: number): Limiter {
  const key = baseUrl.replace(/\/+$/, '').toLowerCase();
  const limit = Math.max(1, Math.floor(maxConcurrency));
  const found = bySite.get(key);
  if (found) {
    found.limit = Math.max(found.limit, limit);
    return found;
  }
  const created = new Limiter(limit);
  bySite.set(key, created);
  return created;
}
