import { open, save } from '@tauri-apps/plugin-dialog';
import { toApiError } from './invoke';

/**
 * The answer end-to-end tests give in place of the system's dialogs, which WebDriver cannot reach
 * (the harness sets it with `answer_dialogs_with`). Never set otherwise.
 */
const testAnswer = () => (window as { __luoshiDialogAnswer?: string }).__luoshiDialogAnswer;

/** The system's save dialog (另存为, 导出). Resolves with the chosen path, or null when cancelled. */
export async function askSavePath(
  title: string,
  defaultPath: string,
  filter: { name: string; extension: string },
): Promise<string | null> {
  const answer = testAnswer();
  if (answer !== undefined) return answer;
  try {
    return await save({ title, defaultPath, filters: [{ name: filter.name, extensions: [filter.extension] }] });
  } catch (error) {
    throw toApiError(error);
  }
}

/** The system's open dialog for one file (从文件恢复). Resolves with the chosen path, or null when cancelled. */
export async function askOpenPath(title: string, filter: { name: string; extensions: string[] }): Promise<string | null> {
  const answer = testAnswer();
  if (answer !== undefined) return answer;
  try {
    const chosen = await open({ title, multiple: false, directory: false, filters: [filter] });
    return typeof chosen === 'string' ? chosen : null;
  } catch (error) {
    throw toApiError(error);
  }
}

/** The system's folder dialog (导出移交包). Resolves with the chosen folder, or null when cancelled. */
export async function askFolderPath(title: string): Promise<string | null> {
  const answer = testAnswer();
  if (answer !== undefined) return answer;
  try {
    const chosen = await open({ title, multiple: false, directory: true });
    return typeof chosen === 'string' ? chosen : null;
  } catch (error) {
    throw toApiError(error);
  }
}
