import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/invoke';
import { showApiError } from './formErrors';

function recorder() {
  const fields: { name: string; errors: string[] }[] = [];
  const notes: string[] = [];
  return { fields, notes, form: { setFields: (f: typeof fields) => fields.push(...f) }, notify: (t: string) => notes.push(t) };
}

describe('showApiError', () => {
  it('puts a field error at its field', () => {
    const r = recorder();
    const error = new ApiError({ code: 'duplicate', message: '已有名为“办公室”的启用单位', field: 'name' });
    showApiError(error, r.form, ['name', 'kind'], r.notify);
    expect(r.fields).toEqual([{ name: 'name', errors: ['已有名为“办公室”的启用单位'] }]);
    expect(r.notes).toEqual([]);
  });

  it('falls back to a message for fields the form does not have', () => {
    const r = recorder();
    showApiError({ code: 'invalid', message: '请填写', field: 'elsewhere' }, r.form, ['name'], r.notify);
    expect(r.notes).toEqual(['请填写']);
  });

  it('turns unknown failures into a Chinese message', () => {
    const r = recorder();
    showApiError(new Error('boom'), r.form, [], r.notify);
    expect(r.notes).toEqual(['程序内部错误：boom']);
  });
});
