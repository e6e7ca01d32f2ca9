import { channelsSchema } from '../../src/config/channels-schema';
import type { Alert } from '../../src/notify/alert';
import { deliveryKey, routeAlert } from '../../src/notify/routing';
import { sampleAlert } from './receiver';

const cfg = channelsSchema.parse({
  channels: {
    'slack-pmo': { kind: 'slack', webhookUrl: 'https://hooks.slack.com/services/T/B/x' },
    'teams-steering': { kind: 'teams', webhookUrl: 'https://prod.westus.logic.azure.com/workflows/1' },
    mail: { kind: 'email', smtp: { host: 'smtp.hospital.org' }, from: 'vitals@hospital.org' },
    hook: { kind: 'webhook', url: 'https://grc.hospital.org/hooks/vitals', secret: '0123456789abcdef0123' },
  },
  audiences: {
    default: { pmo: ['slack-pmo'], assignee: ['slack-pmo'], steering_committee: ['teams-steering'], compliance_officer: ['mail', 'hook'] },
    programs: { 'pacs-upgrade': { pmo: ['teams-steering'] } },
  },
  roles: {
    security: { email: ['ciso@hospital.org'] },
    compliance_officer: { email: ['compliance@hospital.org'] },
    pmo: { channels: ['hook'] },
  },
  quietHours: { start: '20:00', end: '07:00', timeZone: 'America/Chicago', audiences: ['assignee', 'pmo'] },
  digest: { at: '08:30', timeZone: 'America/Chicago', maxSeverity: 'low' },
});

const at = (iso: string) => new Date(iso);
const alert = (over: Partial<Alert>): Alert => ({ ...sampleAlert, ...over });

describe('routeAlert', () => {
  it('maps audiences to channels, adds role channels and role email recipients', () => {
    const targets = routeAlert(cfg, 'ehr-golive', alert({ audience: ['gate_owner', 'pmo', 'compliance_officer'], ownerRole: 'security' }), at('2026-02-25T15:00:00Z'));
    const byId = Object.fromEntries(targets.map((t) => [t.channelId, t]));
    expect(Object.keys(byId).sort()).toEqual(['hook', 'mail', 'slack-pmo']);
    // gate_owner → security has only an address: it goes by the configured email channel, merged with compliance's.
    expect(byId.mail!.recipients.sort()).toEqual(['ciso@hospital.org', 'compliance@hospital.org']);
    expect(byId.mail!.audience).toBe('gate_owner');
    expect(byId['slack-pmo']!.recipients).toEqual([]);
    expect(targets.every((t) => t.deliverAt === 'now' && !t.digest)).toBe(true);
  });

  it('uses the program override of an audience', () => {
    const targets = routeAlert(cfg, 'pacs-upgrade', alert({ audience: ['pmo'] }), at('2026-02-25T15:00:00Z'));
    expect(targets.map((t) => t.channelId).sort()).toEqual(['hook', 'teams-steering']);
  });

  it('high severity goes at once, even in quiet hours', () => {
    const night = at('2026-02-25T04:00:00Z'); // 22:00 in Chicago
    expect(routeAlert(cfg, 'ehr-golive', alert({ severity: 'high', audience: ['assignee'] }), night)).toEqual([
      { channelId: 'slack-pmo', audience: 'assignee', deliverAt: 'now', digest: false, recipients: [] },
    ]);
  });

  it('medium severity waits for the end of quiet hours in the audience time zone', () => {
    const night = at('2026-02-25T04:00:00Z'); // 22:00 CST
    const [t] = routeAlert(cfg, 'ehr-golive', alert({ severity: 'medium', audience: ['assignee'] }), night);
    expect(t).toMatchObject({ deliverAt: '2026-02-25T13:00:00.000Z', digest: false }); // 07:00 CST
    // An audience without quiet hours is not held.
    const [s] = routeAlert(cfg, 'ehr-golive', alert({ severity: 'medium', audience: ['steering_committee'] }), night);
    expect(s!.deliverAt).toBe('now');
  });

  it('low severity waits for the daily digest, across a DST change', () => {
    const [t] = routeAlert(cfg, 'ehr-golive', alert({ severity: 'low', audience: ['steering_committee'] }), at('2026-02-25T15:00:00Z'));
    expect(t).toMatchObject({ deliverAt: '2026-02-26T14:30:00.000Z', digest: true }); // next 08:30 CST
    // 2026-03-08 is the US spring-forward: 08:30 CDT is 13:30Z.
    const [d] = routeAlert(cfg, 'ehr-golive', alert({ severity: 'low', audience: ['steering_committee'] }), at('2026-03-07T16:00:00Z'));
    expect(d!.deliverAt).toBe('2026-03-08T13:30:00.000Z');
  });

  it('one target per channel when audiences share it; the earliest time wins', () => {
    const targets = routeAlert(cfg, 'ehr-golive', alert({ severity: 'medium', audience: ['assignee', 'steering_committee', 'pmo'] }), at('2026-02-25T04:00:00Z'));
    const ids = targets.map((t) => t.channelId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(targets.find((t) => t.channelId === 'teams-steering')!.deliverAt).toBe('now');
  });

  it('an audience nobody configured routes nowhere', () => {
    expect(routeAlert(cfg, 'ehr-golive', alert({ audience: ['sponsor'] }), at('2026-02-25T15:00:00Z'))).toEqual([]);
  });
});

describe('deliveryKey', () => {
  it('is stable and cannot be confused by separators inside the parts', () => {
    expect(deliveryKey('esc:a', 'L2', 'slack')).toBe('esc:a|L2|slack');
    expect(deliveryKey('a|b', 'c', 'd')).not.toBe(deliveryKey('a', 'b|c', 'd'));
  });
});
