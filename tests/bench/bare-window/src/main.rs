//! Nothing but a Tauri window showing one static page: what 落实's start-up is compared against.
fn main() {
    tauri::Builder::default().run(tauri::generate_context!()).expect("error while running the bare window");
}
