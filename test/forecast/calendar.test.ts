/** The pure calendar arithmetic (src/forecast/calendar.ts) against JavaScript's Date (UTC). */
import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil, parseCalendarDate, weekdayOfDays } from '../../src/forecast/calendar.ts';

describe('calendar arithmetic', () => {
  it('agrees with Date on every day from 1899 to 2101', () => {
    for (let days = daysFromCivil(1899, 1, 1); days <= daysFromCivil(2101, 12, 31); days++) {
      const d = new Date(days * 86_400_000);
      const c = civilFromDays(days);
      if (c.y !== d.getUTCFullYear() || c.m !== d.getUTCMonth() + 1 || c.d !== d.getUTCDate() || weekdayOfDays(days) !== d.getUTCDay()) {
        expect.fail(`day ${days}: ${JSON.stringify(c)}, weekday ${weekdayOfDays(days)} vs ${d.toISOString()} (${d.getUTCDay()})`);
      }
      expect(daysFromCivil(c.y, c.m, c.d)).toBe(days);
    }
  });
  it('parses real days only', () => {
    expect(parseCalendarDate('2024-02-29')).toBe(daysFromCivil(2024, 2, 29));
    for (const bad of ['2023-02-29', '2024-02-30', '2024-13-01', '2024-1-01', 'x']) expect(parseCalendarDate(bad)).toBeNaN();
  });
});
