//! 关于 and the user's profile.

use luoshi_core::profile::{self, FirstStepStatus, Profile, ProfileInput};
use luoshi_core::AppInfo;

commands! {
    /// Version, schema version and data folder; fails when the database could not be opened.
    fn app_info(state) -> AppInfo {
        state.with(|s| s.info())
    }

    fn get_profile(state) -> Option<Profile> {
        state.with(|s| profile::get_profile(s.conn()))
    }

    /// 开始使用: the first steps still to take (none once all are done).
    fn first_steps(state) -> Vec<FirstStepStatus> {
        state.with(|s| profile::first_steps(s.conn()))
    }

    fn set_profile(state, input: ProfileInput) -> Profile {
        state.with(|s| profile::set_profile(s.conn_mut(), &input))
    }
}
