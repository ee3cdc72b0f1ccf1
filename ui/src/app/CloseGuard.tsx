// Closing the window waits for pending autosaves (beforeClose.ts). If a save fails, the window
// stays open and says why; the user may still close it, knowingly.
import { App as AntApp } from 'antd';
import { useEffect } from 'react';
import { closeWindowNow, guardWindowClose } from '../api/window';
import { cleanupOf } from '../components/subscription';
import { flushBeforeClose } from './beforeClose';

export function CloseGuard() {
  const { modal } = AntApp.useApp();
  useEffect(
    () =>
      cleanupOf(
        guardWindowClose(async () => {
          const reason = await flushBeforeClose();
          if (reason == null) return true;
          modal.confirm({
            title: '有内容尚未保存',
            content: `${reason}。现在关闭，未保存的文字会丢失。`,
            okText: '仍然关闭',
            okButtonProps: { danger: true },
            cancelText: '返回保存',
            onOk: () => closeWindowNow(),
          });
          return false;
        }),
      ),
    [modal],
  );
  return null;
}
