import { call } from './invoke';
import type { AppInfo } from './types/AppInfo';
import type { Profile } from './types/Profile';
import type { ProfileInput } from './types/ProfileInput';

/** Version, schema version and data folder; rejects when the database could not be opened. */
export const appInfo = () => call<AppInfo>('app_info');
export const getProfile = () => call<Profile | null>('get_profile');
export const setProfile = (input: ProfileInput) => call<Profile>('set_profile', { input });
