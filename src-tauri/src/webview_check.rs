//! Windows only: the window needs Microsoft Edge WebView2 Runtime. Windows 11 ships it and
//! Windows 10 gets it with its updates, but an office PC kept offline may lack it; without this
//! check the app would stop with no window and no word.

const MISSING: &str = "落实的窗口需要 Microsoft Edge WebView2 运行时，这台电脑上没有找到它。\n\n\
请让信息管理员安装“Microsoft Edge WebView2 Runtime”（微软提供的免费组件，\
离线电脑可用其“独立安装程序”），装好后再启动落实。\n\n\
数据没有受到影响；命令行工具 luoshi-cli.exe 不需要这个组件，仍可使用。";

/// Says in Chinese what to install and returns false when WebView2 is missing.
pub fn webview_present() -> bool {
    match tauri::webview_version() {
        Ok(_) => true,
        Err(e) => {
            eprintln!("WebView2 not found: {e}");
            rfd::MessageDialog::new()
                .set_level(rfd::MessageLevel::Error)
                .set_title("落实：缺少 WebView2 运行时")
                .set_description(MISSING)
                .set_buttons(rfd::MessageButtons::Ok)
                .show();
            false
        }
    }
}
