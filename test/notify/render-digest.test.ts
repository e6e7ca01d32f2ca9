import { alertSchema } from '../../src/notify/alert-schema';
import { renderDigest, renderTestAlert } from '../../src/notify/render-digest';
import { sampleAlert } from './receiver';

describe('renderDigest', () => {
  it('collects alerts into one per audience and day, capped in length', () => {
    const many = Array.from({ length: 35 }, (_, i) => ({ ...sampleAlert, severity: 'low' as const, heading: `Risk ${String(i).padStart(2, '0')}` }));
    const d = renderDigest('ehr', 'pmo', '2026-02-25', many, 'https://vitals.example/programs/ehr');
    expect(d.fingerprint).toBe('digest:ehr:pmo:2026-02-25');
    expect(d.lines).toHaveLength(31);
    expect(d.lines[0]).toBe('low: Risk 00');
    expect(d.lines.at(-1)).toBe('and 5 more on the program page');
    expect(alertSchema.safeParse(d).success).toBe(true);
  });
});

describe('renderTestAlert and alertSchema', () => {
  it('builds a valid, unique test message; the schema refuses a malformed alert', () => {
    const t = renderTestAlert('slack-pmo', new Date('2026-02-25T09:00:00Z'), 'https://vitals.example');
    expect(alertSchema.parse(t)).toEqual(t);
    expect(renderTestAlert('slack-pmo', new Date('2026-02-25T09:00:01Z'), 'https://x').fingerprint).not.toBe(t.fingerprint);
    expect(alertSchema.safeParse(sampleAlert).success).toBe(true);
    expect(alertSchema.safeParse({ ...sampleAlert, severity: 'urgent' }).success).toBe(false);
    expect(alertSchema.safeParse({ ...sampleAlert, links: [{ rel: 'item', text: 'x', url: 'javascript:alert(1)' }] }).success).toBe(false);
  });
});
