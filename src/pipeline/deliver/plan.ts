/**
 * `vitals notify --dry-run`: what the current snapshots would send where, without sending. For each escalation
 * level due to fire, each escalation's current level and each high-severity risk: the routed channels, when, and
 * whether the ledger says that delivery already happened.
 */
import type { ProgramEvaluation } from '../../model';
import { deliveryKey, routeAlert } from '../../notify/routing';
import { fingerprint } from '../../risk/fingerprint';
import type { Store } from '../../store';
import type { PipelineSettings } from '../types';
import { escalationAlert, riskAlert } from './render-alerts';

export interface PlannedDelivery {
  program: string;
  kind: 'escalation' | 'risk';
  subject: string;
  level: string;
  severity: string;
  channel: string;
  audience: string;
  deliverAt: string;
  digest: boolean;
  recipients: string[];
  /** `pending` when the engine says it fires now; `delivered` when the ledger already holds it; else `current`. */
  state: 'pending' | 'delivered' | 'current';
}

export async function planDeliveries(settings: PipelineSettings, snapshots: ProgramEvaluation[], store: Store, now: Date): Promise<PlannedDelivery[]> {
  const cfg = settings.channels;
  if (!cfg) return [];
  const out: PlannedDelivery[] = [];
  for (const snap of snapshots) {
    const pp = settings.programs.find((p) => p.program.id === snap.program);
    if (!pp) continue;
    const alerts = [];
    for (const esc of snap.escalations) {
      // The current level's own fingerprint (as the engine minted it when it fired), so the ledger lookup matches.
      const current = esc.level ? [{ level: esc.level, audiences: esc.audiences, fingerprint: fingerprint('escalation', esc.subject, `${esc.due}#${esc.level}`) }] : [];
      const fires = esc.fire.length ? esc.fire : current;
      for (const f of fires) {
        const pending = esc.fire.length > 0;
        const req = { program: snap.program, subject: esc.subject, level: f.level, audiences: f.audiences, fingerprint: f.fingerprint, due: esc.due };
        alerts.push({ alert: escalationAlert(settings, pp, esc, req, now), pending });
      }
    }
    for (const risk of snap.risks.filter((r) => r.level === 'high')) alerts.push({ alert: riskAlert(settings, snap.program, risk), pending: false });
    for (const { alert, pending } of alerts) {
      for (const t of routeAlert(cfg, snap.program, alert, now)) {
        const done = (await store.ledger.get(deliveryKey(alert.fingerprint, alert.level, t.channelId)))?.startsWith('done|') ?? false;
        out.push({
          program: snap.program,
          kind: alert.kind === 'risk' ? 'risk' : 'escalation',
          subject: alert.subject,
          level: alert.level,
          severity: alert.severity,
          channel: t.channelId,
          audience: t.audience,
          deliverAt: t.deliverAt,
          digest: t.digest,
          recipients: t.recipients,
          state: done ? 'delivered' : pending ? 'pending' : 'current',
        });
      }
    }
  }
  return out;
}

export function formatPlan(plan: PlannedDelivery[], channelKinds: Record<string, string>): string {
  if (!plan.length) return 'Nothing to send: no escalation level or high-severity risk routes to a configured channel.';
  const lines = ['program          kind        subject                          level   sev     channel (kind)            audience            when                      state'];
  for (const p of plan) {
    const when = p.digest ? `digest ${p.deliverAt}` : p.deliverAt;
    lines.push(
      [
        p.program.padEnd(16),
        p.kind.padEnd(11),
        p.subject.slice(0, 32).padEnd(32),
        p.level.padEnd(7),
        p.severity.padEnd(7),
        `${p.channel} (${channelKinds[p.channel] ?? '?'})`.padEnd(25),
        p.audience.padEnd(19),
        when.padEnd(25),
        p.state + (p.recipients.length ? ` to ${p.recipients.join(', ')}` : ''),
      ].join(' '),
    );
  }
  const per = new Map<string, number>();
  for (const p of plan) if (p.state !== 'delivered') per.set(p.channel, (per.get(p.channel) ?? 0) + 1);
  lines.push('', `Not yet delivered per channel: ${[...per].map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}`);
  return lines.join('\n');
}
