import { signActionLink, verifyActionLink } from '../../src/notify/action-links';

const SECRET = 'test-secret-0123456789abcdef';
const claims = {
  action: 'ack' as const,
  programId: 'ehr-golive',
  fingerprint: 'esc:gate:hipaa-sra:2026-02-20',
  level: 'L2',
  expires: new Date('2026-02-25T12:00:00Z'),
};

describe('action links', () => {
  const url = signActionLink(claims, SECRET, 'https://vitals.example.org/api/actions');
  const query = new URL(url).searchParams;

  it('verifies before expiry and returns the claims', () => {
    const v = verifyActionLink(query, SECRET, new Date('2026-02-25T11:59:59Z'));
    expect(v).toEqual({ ok: true, claims });
    expect(url.startsWith('https://vitals.example.org/api/actions?')).toBe(true);
  });

  it('accepts an express-style query object', () => {
    const obj = Object.fromEntries(query.entries());
    expect(verifyActionLink(obj, SECRET, new Date('2026-02-24T00:00:00Z')).ok).toBe(true);
  });

  it('rejects once expired', () => {
    expect(verifyActionLink(query, SECRET, new Date('2026-02-25T12:00:00Z'))).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects a tampered field, a wrong secret, a missing or malformed parameter', () => {
    const now = new Date('2026-02-24T00:00:00Z');
    for (const [k, v] of [['l', 'L5'], ['a', 'snooze'], ['p', 'other'], ['f', 'x'], ['e', '1999999999']] as const) {
      const q = new URLSearchParams(query);
      q.set(k, v);
      expect(verifyActionLink(q, SECRET, now)).toEqual({ ok: false, reason: 'bad_signature' });
    }
    expect(verifyActionLink(query, 'another-secret-0123456789', now)).toEqual({ ok: false, reason: 'bad_signature' });
    const missing = new URLSearchParams(query);
    missing.delete('s');
    expect(verifyActionLink(missing, SECRET, now)).toEqual({ ok: false, reason: 'missing' });
    const bad = new URLSearchParams(query);
    bad.set('a', 'delete');
    expect(verifyActionLink(bad, SECRET, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyActionLink({ ...Object.fromEntries(query.entries()), s: ['a', 'b'] }, SECRET, now).ok).toBe(false);
  });

  it('refuses to sign fields that could shift the canonical string', () => {
    expect(() => signActionLink({ ...claims, level: 'L2\nL3' }, SECRET, 'https://x.example')).toThrow(TypeError);
    expect(() => signActionLink(claims, '', 'https://x.example')).toThrow(TypeError);
  });
});
