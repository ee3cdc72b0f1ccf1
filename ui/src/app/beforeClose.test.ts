import { describe, expect, it } from 'vitest';
import { flushBeforeClose, registerBeforeClose } from './beforeClose';

describe('flushBeforeClose', () => {
  it('waits for every registered save and reports the first failure', async () => {
    const done: string[] = [];
    const slow = registerBeforeClose(
      () => new Promise((resolve) => setTimeout(() => (done.push('slow'), resolve(null)), 20)),
    );
    const failing = registerBeforeClose(async () => '保存失败：磁盘已满');
    expect(await flushBeforeClose()).toBe('保存失败：磁盘已满');
    expect(done).toEqual(['slow']);
    failing();
    expect(await flushBeforeClose()).toBeNull();
    slow();
  });

  it('turns a thrown error into a reason', async () => {
    const off = registerBeforeClose(() => Promise.reject(new Error('写入被拒绝')));
    expect(await flushBeforeClose()).toContain('写入被拒绝');
    off();
  });
});
