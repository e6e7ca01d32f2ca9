/**
 * Demo mode: every audience of every program goes to one file channel (NDJSON), so `npm run demo` shows its
 * alerts without any Slack or mail server. The summary counts deliveries per channel from the audit stream.
 */
import { rmSync } from 'node:fs';
import { AUDIENCES } from '../../config/channels-schema';
import type { VitalsConfig } from '../../config/types';
import type { Store } from '../../store';

export const DEMO_ALERT_CHANNEL = 'demo-file';

/** Points the config's alerts at `path` (emptied first) and returns the path. Mutates `config.channels`. */
export function useDemoAlertSink(config: VitalsConfig, path: string): string {
  rmSync(path, { force: true });
  const audiences = new Set<string>([...AUDIENCES]);
  for (const pp of config.programs) {
    for (const ladder of [pp.program.escalation, pp.program.breachEscalation]) for (const l of ladder?.levels ?? []) for (const a of l.audiences) audiences.add(a);
    for (const g of pp.program.gates) audiences.add(g.ownerRole);
  }
  config.channels = {
    ...config.channels,
    channels: { [DEMO_ALERT_CHANNEL]: { kind: 'file', path } },
    audiences: { default: Object.fromEntries([...audiences].map((a) => [a, [DEMO_ALERT_CHANNEL]])), programs: {} },
    roles: {},
  };
  return path;
}

/** `Alerts: 7 delivered (demo-file 7) -> /path/demo-alerts.ndjson`, plus failures when there were any. */
export async function formatAlertSummary(store: Store, path: string): Promise<string> {
  const entries = await store.audit.list();
  const per = new Map<string, number>();
  let failed = 0;
  for (const e of entries) {
    if (e.action === 'delivery_failed') failed += 1;
    if (e.action !== 'delivered') continue;
    const channel = /channel=(\S+)/.exec(e.detail)?.[1] ?? '?';
    per.set(channel, (per.get(channel) ?? 0) + 1);
  }
  const total = [...per.values()].reduce((a, b) => a + b, 0);
  const counts = [...per].map(([c, n]) => `${c} ${n}`).join(', ') || 'none';
  return `Alerts: ${total} delivered (${counts})${failed ? `, ${failed} failed attempt(s)` : ''} -> ${path}`;
}
