/** Connectors for the fault suite's processes (parent and child workers): every wait is simulated. */
import { createAsanaConnector } from '../../connectors/asana';
import type { TrackerConnector } from '../../connectors/contract';
import { createJiraConnector } from '../../connectors/jira';
import { AdaptivePacer } from '../../connectors/http-kit/pacer';
import { seededRandom } from '../../connectors/sandbox-kit/faults';
import type { SourceConfig } from '../../src/config';

/**
 * Connectors that sit out every wait on the injected clock: a 120 s Retry-After costs no wall time. Ten attempts per
 * request with backoff from 1 s give up after 6-11 min of simulated outage; Retry-After up to 15 min is slept here.
 */
export function virtualConnectors(sources: SourceConfig[], sleep: (ms: number) => Promise<void>, now: () => number): Map<string, TrackerConnector> {
  const out = new Map<string, TrackerConnector>();
  const retry = { maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 15 * 60_000 };
  const random = seededRandom(99);
  for (const s of sources) {
    const common = { instance: s.id, sleep, random, retry, pacer: new AdaptivePacer(now) };
    out.set(s.id, s.kind === 'jira' ? createJiraConnector({ ...s, ...common }) : createAsanaConnector({ ...s, ...common }));
  }
  return out;
}
