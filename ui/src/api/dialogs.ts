import { save } from '@tauri-apps/plugin-dialog';
import { toApiError } from './invoke';

/** The system's save dialog (另存为, 导出). Resolves with the chosen path, or null when cancelled. */
export async function askSavePath(
  title: string,
  defaultPath: string,
  filter: { name: string; extension: string },
): Promise<string | null> {
  try {
    return await save({ title, defaultPath, filters: [{ name: filter.name, extensions: [filter.extension] }] });
  } catch (error) {
    throw toApiError(error);
  }
}
