import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { cstDate, cstDateTime, wallClock } from './cst';

describe('CST times', () => {
  it('shows the backend time as written, not in the PC zone', () => {
    expect(cstDateTime('2026-10-10T17:30:00+08:00')).toBe('2026-10-10 17:30');
    expect(cstDate('2026-10-10T17:30:00+08:00')).toBe('2026-10-10');
  });

  it('sends a picked time as wall-clock text', () => {
    expect(wallClock(dayjs(new Date(2026, 8, 30, 16, 0)))).toBe('2026-09-30T16:00');
  });
});
