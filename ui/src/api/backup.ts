import { call } from './invoke';
import type { Retention } from './types/Retention';

/** The backups in the data folder's backups/, newest first; works when the data file could not be opened. */
export const listBackups = () => call('list_backups');
export const createBackup = () => call('create_backup');
export const saveBackupTo = (path: string) => call('save_backup_to', { path });
/** Checks the file, backs up the current data, then swaps it in. */
export const restoreBackup = (path: string) => call('restore_backup', { path });
export const getBackupRetention = () => call('get_backup_retention');
export const setBackupRetention = (retention: Retention) => call('set_backup_retention', { retention });
