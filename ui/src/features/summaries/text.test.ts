import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../api/types/Indicator';
import { gapsOf } from './text';

describe('gapsOf', () => {
  const row = (indicator: string) => ({ indicator, unit: '', target: '', actual: '', note: '' });
  const gap = (indicator: string, value: string): Indicator => ({ ...row(indicator), gap: value });
  it('puts the computed gaps beside the typed rows, skipping empty ones', () => {
    const rows = [row('按时办结率'), row(''), row('满意度')];
    expect(gapsOf(rows, [gap('按时办结率', '+1.8个百分点'), gap('满意度', '-2')]).map((g) => g?.gap ?? null)).toEqual([
      '+1.8个百分点',
      null,
      '-2',
    ]);
  });
});
