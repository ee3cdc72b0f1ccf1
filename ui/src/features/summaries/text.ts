// Small pure helpers of the summary editor.
import type { Indicator } from '../../api/types/Indicator';
import type { IndicatorInput } from '../../api/types/IndicatorInput';

export const isEmptyRow = (r: IndicatorInput) =>
  [r.indicator, r.unit, r.target, r.actual, r.note].every((v) => v.trim() === '');

/** The rows the core computed belong to the non-empty typed rows, in order (it drops empty rows). */
export function gapsOf(rows: IndicatorInput[], computed: Indicator[]): (Indicator | null)[] {
  let k = 0;
  return rows.map((r) => (isEmptyRow(r) ? null : (computed[k++] ?? null)));
}
