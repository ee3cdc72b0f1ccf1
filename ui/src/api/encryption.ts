import { call } from './invoke';
import type { Secret } from './types/Secret';

/** Whether the data file is encrypted; works while it is locked. */
export const encryptionStatus = () => call('encryption_status');
/** 解锁: opens the encrypted data folder. */
export const unlockData = (secret: Secret) => call('unlock_data', { secret });
/** A new random recovery key, made by the backend, shown and printed before encryption is switched on. */
export const newRecoveryKey = () => call('new_recovery_key');
export const recoveryKeyPdf = async (recoveryKey: string) =>
  new Uint8Array(await call('print_recovery_key', { recoveryKey }));
export const enableEncryption = (password: string, recoveryKey: string) =>
  call('enable_encryption', { password, recoveryKey });
export const disableEncryption = (proof: Secret) => call('disable_encryption', { proof });
export const changePassword = (proof: Secret, newPassword: string) => call('change_password', { proof, newPassword });
