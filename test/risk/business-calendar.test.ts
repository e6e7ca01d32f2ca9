import {
  addBusinessDays, addDays, businessDaysBetween, calendarDaysIndex, daysBetween, indexCalendar, isoWeekday, localDate, mondayOf, parseInstant, toLocalDate,
} from '../../src/risk/business-calendar';

const cal = indexCalendar({
  timeZone: 'America/New_York',
  workDays: [1, 2, 3, 4, 5],
  holidays: ['2026-05-25'],
  freezeWindows: [{ start: '2026-06-15', end: '2026-06-17', reason: 'cutover' }],
});

describe('business calendar', () => {
  it.each([
    ['weekend', '2026-04-10', 1, '2026-04-13'],
    ['weekend, three days', '2026-04-10', 3, '2026-04-15'],
    ['holiday (Memorial Day)', '2026-05-22', 1, '2026-05-26'],
    ['freeze window', '2026-06-12', 1, '2026-06-18'],
    ['backwards over a weekend', '2026-04-13', -1, '2026-04-10'],
    ['zero', '2026-04-11', 0, '2026-04-11'],
  ])('addBusinessDays across a %s', (_n, from, n, expected) => {
    expect(addBusinessDays(from, n, cal)).toBe(expected);
  });

  it.each([
    ['2026-04-10', '2026-04-15', 3],
    ['2026-05-22', '2026-05-28', 3],
    ['2026-06-12', '2026-06-22', 3],
    ['2026-04-15', '2026-04-10', -3],
    ['2026-04-10', '2026-04-12', 0],
  ])('businessDaysBetween %s and %s', (a, b, n) => {
    expect(businessDaysBetween(a, b, cal)).toBe(n);
  });

  it('counts every day on a calendar-days clock', () => {
    expect(businessDaysBetween('2026-04-10', '2026-04-13', calendarDaysIndex('UTC'))).toBe(3);
  });

  it('does date arithmetic on calendar dates across both DST changes', () => {
    expect(addDays('2026-03-07', 1)).toBe('2026-03-08');
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
    expect(addDays('2026-10-31', 2)).toBe('2026-11-02');
    expect(daysBetween('2026-03-01', '2026-03-31')).toBe(30);
    expect(isoWeekday('2026-03-08')).toBe(7);
    expect(mondayOf('2026-03-08')).toBe('2026-03-02');
    expect(mondayOf('2026-03-09')).toBe('2026-03-09');
  });

  it.each([
    // Spring forward: 2026-03-08 02:00 EST → 03:00 EDT (UTC−4 afterwards).
    ['2026-03-09T03:59:00Z', '2026-03-08'],
    ['2026-03-09T04:00:00Z', '2026-03-09'],
    ['2026-03-08T04:59:00Z', '2026-03-07'],
    ['2026-03-08T05:00:00Z', '2026-03-08'],
    // Fall back: 2026-11-01 02:00 EDT → 01:00 EST (UTC−5 afterwards).
    ['2026-11-01T03:59:00Z', '2026-10-31'],
    ['2026-11-01T04:00:00Z', '2026-11-01'],
    ['2026-11-02T04:59:00Z', '2026-11-01'],
    ['2026-11-02T05:00:00Z', '2026-11-02'],
  ])('local date of %s in New York is %s', (iso, date) => {
    expect(localDate(new Date(iso), 'America/New_York')).toBe(date);
  });

  it('keeps date-only values and converts timestamps', () => {
    expect(toLocalDate('2026-04-01', 'Asia/Tokyo')).toBe('2026-04-01');
    expect(toLocalDate('2026-04-01T20:00:00Z', 'Asia/Tokyo')).toBe('2026-04-02');
    expect(toLocalDate(null, 'UTC')).toBeNull();
    expect(toLocalDate('garbage', 'UTC')).toBeNull();
  });
});

describe('parseInstant', () => {
  it.each(['2026-03-08T06:59:59Z', '2026-03-08T06:59:59.123Z', '2026-03-08T01:59:59.5-05:00', '2026-11-01T01:30:00+0530', '2026-11-01T01:30:00.000+00:00', '2026-11-01', 'Sun, 01 Nov 2026 01:30:00 GMT'])(
    'agrees with Date.parse on %s',
    (s) => {
      expect(parseInstant(s)).toBe(Date.parse(s));
    },
  );
});
