import { redact, safeTitle } from '../../src/notify/redact';
import { CLEAN_TITLES, CORPUS, PLANTED_TITLES } from './redaction-corpus';

function opts(c: { key?: string; allowDates?: string[] }) {
  return { allowKeys: c.key ? [c.key] : [], allowDates: c.allowDates ?? [] };
}

describe('redaction corpus', () => {
  it('is large enough and half planted', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(200);
    expect(PLANTED_TITLES.length).toBeGreaterThanOrEqual(100);
    expect(CLEAN_TITLES.length).toBeGreaterThanOrEqual(100);
    for (const c of PLANTED_TITLES) {
      expect(c.planted.length).toBeGreaterThan(0);
      for (const pl of c.planted) expect(c.title).toContain(pl.value);
    }
  });

  it('catches planted identifiers (recall) without changing clean titles (false positives)', () => {
    let planted = 0;
    let caught = 0;
    const missed: string[] = [];
    for (const c of PLANTED_TITLES) {
      const out = redact(c.title, opts(c)).text;
      for (const pl of c.planted) {
        planted++;
        if (out.includes(pl.value)) missed.push(pl.kind);
        else caught++;
      }
    }
    let changed = 0;
    for (const c of CLEAN_TITLES) if (redact(c.title, opts(c)).text !== c.title) changed++;
    const recall = caught / planted;
    const fpRate = changed / CLEAN_TITLES.length;
    // The figures the closing note reports; kinds only, never the planted values.
    console.log(
      `redaction corpus: recall ${caught}/${planted} = ${recall.toFixed(3)} (missed kinds: ${missed.join(', ') || 'none'}); ` +
        `false positives ${changed}/${CLEAN_TITLES.length} = ${(fpRate * 100).toFixed(1)}%`,
    );
    expect(recall).toBeGreaterThanOrEqual(0.98);
    expect(fpRate).toBeLessThanOrEqual(0.1);
  });
});

describe('redact', () => {
  it('reports kinds, never values', () => {
    const r = redact('MRN 00482913 for John Smith, DOB 03/14/1931');
    expect(r.text).toBe('MRN [ID] for [NAME], DOB [DATE]');
    expect(r.found.map((f) => f.kind).sort()).toEqual(['dob', 'name', 'record_number']);
    expect(JSON.stringify(r.found)).not.toContain('Smith');
  });

  it('keeps tracker keys, the item own Asana gid and the program own dates', () => {
    expect(redact('EHR-1234 blocks ABC-9').text).toBe('EHR-1234 blocks ABC-9');
    expect(redact('task 1209876543210457', { allowKeys: ['1209876543210457'] }).text).toBe('task 1209876543210457');
    expect(redact('task 1209876543210457').text).toBe('task [NUMBER]');
    expect(redact('due 2026-03-01', { allowDates: ['2026-03-01'] }).text).toBe('due 2026-03-01');
    expect(redact('due 2026-03-02', { allowDates: ['2026-03-01'] }).text).toBe('due [DATE]');
  });

  it('does not let a record label hide behind a tracker-key shape', () => {
    expect(redact('MRN-1234567 merge').text).not.toContain('1234567');
    expect(redact('policy# HMO-4412093').text).toBe('policy# [ID]');
  });

  it('is idempotent on its own output', () => {
    for (const c of PLANTED_TITLES) {
      const once = redact(c.title, opts(c)).text;
      expect(redact(once, opts(c)).text).toBe(once);
    }
  });
});

describe('safeTitle', () => {
  it('omit never quotes the title', () => {
    expect(safeTitle('EHR-7', 'Chart fix for John Smith', 'omit')).toBe('EHR-7');
  });
  it('redact quotes the title through the redactor and keeps the key', () => {
    expect(safeTitle('1209876543210457', 'Call Maria Lopez at 312-555-0198', 'redact')).toBe(
      '1209876543210457 "Call [NAME] at [PHONE]"',
    );
  });
});

describe('redact on arbitrary input', () => {
  it('cuts very long input instead of spending quadratic time on it', () => {
    const long = `Call 312-555-0198 ${'1-'.repeat(5000)}`;
    const r = redact(long);
    expect(r.text.endsWith(' […]')).toBe(true);
    expect(r.text.length).toBeLessThan(2100);
    expect(r.text).not.toContain('312-555-0198');
  });

  it('never throws, stays fast and is idempotent', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const t0 = performance.now();
        const once = redact(s).text;
        expect(performance.now() - t0).toBeLessThan(200);
        expect(redact(once).text).toBe(once);
      }),
      { numRuns: 300 },
    );
  });
});
