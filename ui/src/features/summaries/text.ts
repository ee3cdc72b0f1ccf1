// Small pure helpers of the summary editor.
import type { Indicator } from '../../api/types/Indicator';
import type { IndicatorInput } from '../../api/types/IndicatorInput';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 一、二 … 十、十一 … 九十九, as headings are numbered. */
export function chineseNumber(n: number): string {
  if (n <= 10) return NUMERALS[n - 1];
  if (n < 20) return `十${NUMERALS[n - 11]}`;
  const tens = Math.floor(n / 10);
  return `${NUMERALS[tens - 1]}十${n % 10 ? NUMERALS[(n % 10) - 1] : ''}`;
}

export const isEmptyRow = (r: IndicatorInput) =>
  [r.indicator, r.unit, r.target, r.actual, r.note].every((v) => v.trim() === '');

/** The rows the core computed belong to the non-empty typed rows, in order (it drops empty rows). */
export function gapsOf(rows: IndicatorInput[], computed: Indicator[]): (Indicator | null)[] {
  let k = 0;
  return rows.map((r) => (isEmptyRow(r) ? null : (computed[k++] ?? null)));
}

/** Characters other than white space, as the core counts 字数. */
export const wordCount = (text: string) => [...text.replace(/\s/g, '')].length;
