import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../api/types/Indicator';
import { chineseNumber, gapsOf, wordCount } from './text';

describe('chineseNumber', () => {
  it('numbers headings as printed', () => {
    expect([1, 7, 10, 11, 19, 20, 23].map(chineseNumber)).toEqual(['一', '七', '十', '十一', '十九', '二十', '二十三']);
  });
});

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

describe('wordCount', () => {
  it('counts characters other than white space', () => {
    expect(wordCount('一、基本情况\n 共 3 件。')).toBe(10);
    expect(wordCount('𠮷')).toBe(1);
  });
});
