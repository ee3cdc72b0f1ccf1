import { getCurrentWindow } from '@tauri-apps/api/window';

/**
 * Runs `beforeClose` when the user closes the window (the title bar's ×, Alt+F4, the system's menu).
 * The window closes once it resolves `true`; `false` keeps it open. Outside Tauri (unit tests, a
 * browser) there is no window to guard and nothing is registered.
 */
export async function guardWindowClose(beforeClose: () => Promise<boolean>): Promise<() => void> {
  if (!('__TAURI_INTERNALS__' in window)) return () => {};
  return getCurrentWindow().onCloseRequested(async (event) => {
    if (!(await beforeClose())) event.preventDefault();
  });
}

/** Closes the window without asking again (after the user chose 仍然关闭). */
export async function closeWindowNow(): Promise<void> {
  await getCurrentWindow().destroy();
}
