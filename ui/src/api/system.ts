import { call } from './invoke';
import type { ProfileInput } from './types/ProfileInput';

/** Version, schema version and data folder; rejects when the database could not be opened. */
export const appInfo = () => call('app_info');
export const getProfile = () => call('get_profile');
export const setProfile = (input: ProfileInput) => call('set_profile', { input });
/** 开始使用: the first steps still to take; empty once all are done. */
export const firstSteps = () => call('first_steps');
