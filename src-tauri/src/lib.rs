//! The desktop shell: opens the data folder, registers the commands, starts the window.
//! It only translates between the web UI and `luoshi-core`.

mod commands;
mod state;

use state::AppState;

pub fn run() {
    // Parse the fonts while the window starts, so the first preview does not wait for them. A
    // failure here shows again, with its message, at the first print.
    std::thread::spawn(|| {
        let _ = luoshi_core::print::preload();
    });
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(AppState::open())
        .invoke_handler(tauri::generate_handler![
            commands::system::app_info,
            commands::system::get_profile,
            commands::system::set_profile,
            commands::org::list_units,
            commands::org::add_unit,
            commands::org::update_unit,
            commands::org::set_unit_active,
            commands::org::delete_unit,
            commands::org::list_persons,
            commands::org::add_person,
            commands::org::update_person,
            commands::org::set_person_active,
            commands::org::delete_person,
            commands::calendar::calendar_year,
            commands::calendar::set_calendar_day,
            commands::calendar::reset_calendar_year,
            commands::calendar::import_calendar_json,
            commands::calendar::export_calendar_file,
            commands::calendar::get_limits,
            commands::calendar::set_limits,
            commands::calendar::reset_limits,
            commands::calendar::get_working_hours,
            commands::calendar::set_working_hours,
            commands::calendar::reset_working_hours,
            commands::assignment::ledger_page,
            commands::assignment::assignment_tags,
            commands::assignment::assignment_detail,
            commands::assignment::register_assignment,
            commands::assignment::default_deadline,
            commands::assignment::act_on_assignment,
            commands::assignment::supervision_notice_pdf,
            commands::assignment::reminder_notice_pdf,
            commands::assignment::get_number_prefix,
            commands::assignment::set_number_prefix,
            commands::assignment::get_light_settings,
            commands::assignment::set_light_settings,
            commands::summary::list_summary_templates,
            commands::summary::summary_template,
            commands::summary::copy_summary_template,
            commands::summary::update_summary_template,
            commands::summary::set_summary_template_active,
            commands::summary::import_summary_template,
            commands::summary::export_summary_template_file,
            commands::summary::list_summaries,
            commands::summary::create_summary,
            commands::summary::summary_detail,
            commands::summary::update_summary_info,
            commands::summary::save_summary_section,
            commands::summary::save_summary_indicators,
            commands::summary::summary_last_open,
            commands::summary::set_summary_last_open,
            commands::summary::clear_summary_last_open,
            commands::summary::list_summary_versions,
            commands::summary::save_summary_version,
            commands::summary::diff_summary_versions,
            commands::summary::restore_summary_version,
            commands::summary::act_on_summary,
            commands::summary::check_summary,
            commands::summary::summary_paper_pdf,
            commands::summary::export_summary_file,
            commands::summary::export_summary_docx_file,
            commands::summary::summary_ledger_figures,
            commands::summary::insert_summary_ledger_figures,
            commands::summary::import_summary_json,
            commands::print::print_sample,
            commands::print::print_fonts,
            commands::print::save_pdf,
            commands::print::open_pdf,
        ])
        .run(tauri::generate_context!())
        .expect("error while running the 落实 window");
}
