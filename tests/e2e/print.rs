//! 设置 → 打印 end to end: the samples in the pdf.js preview (drawn pages, page counts, zoom), the
//! fonts table, and a PDF sent back through the raw-bytes channel of 另存为 to a Chinese path.

use std::time::Duration;

use luoshi_core::print::{self, SampleKind};
use thirtyfour::prelude::*;

use crate::harness::{App, Workspace, WAIT};

/// Waits until page `n` of the preview has been drawn by pdf.js.
async fn page_drawn(app: &App, n: u32) -> WebElement {
    app.css(&format!("[data-testid='pdf-page-{n}'][data-rendered='true']")).await
}

async fn page_count(app: &App, expected: &str) {
    let count = app.by_test_id("pdf-page-count").await;
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let text = count.text().await.expect("text");
        if text == expected {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "page count shows “{text}”, expected “{expected}”");
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// How much of a canvas is ink: pdf.js must have drawn text, not left a blank sheet.
async fn ink_share(app: &App, n: u32) -> f64 {
    let script = format!(
        "const c = document.querySelector(\"[data-testid='pdf-page-{n}']\");
         const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
         let dark = 0;
         for (let i = 0; i < d.length; i += 4) if (d[i] < 128 && d[i + 3] > 0) dark++;
         return dark / (d.length / 4);"
    );
    app.driver.execute(&script, vec![]).await.expect("script").json().as_f64().expect("number")
}

#[tokio::test(flavor = "multi_thread")]
async fn samples_preview_and_fonts_show_their_coverage() {
    let ws = Workspace::new().await;
    let app = ws.launch().await;
    app.type_into("profile-name", "陈堃").await;
    app.type_into("profile-unit", "市政府督查室").await;
    app.click("profile-submit").await;
    app.by_test_id("current-user").await;

    app.click("nav-settings").await;
    app.click("tab-print").await;

    // The fonts in use, with their GB 2312 coverage.
    let fonts = app.by_test_id("print-font-table").await;
    app.text("Fandol").await;
    app.text("Noto").await;
    let table = fonts.text().await.expect("text");
    for role in ["仿宋", "黑体", "楷体", "后备"] {
        assert!(table.contains(role), "fonts table lacks {role}: {table}");
    }
    assert!(table.contains("6,763 / 6,763 字"), "no font covers all of GB 2312: {table}");

    // The form sample: one A4 page drawn by pdf.js.
    app.click("print-sample-form").await;
    let page = page_drawn(&app, 1).await;
    page_count(&app, "共 1 页").await;
    let (w, h) = {
        let r = page.rect().await.expect("rect");
        (r.width, r.height)
    };
    assert!((h / w - 297.0 / 210.0).abs() < 0.01, "page is not A4: {w} × {h}");
    let ink = ink_share(&app, 1).await;
    assert!(ink > 0.005 && ink < 0.5, "the page looks blank or black: {ink}");
    app.by_test_id("pdf-preview").await.scroll_into_view().await.expect("scroll");
    app.screenshot("print-01-form-preview").await;

    // Zoom in: the page grows and is drawn again.
    app.click("pdf-zoom-in").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let wider = page_drawn(&app, 1).await.rect().await.expect("rect").width;
    assert!((wider / w - 1.25).abs() < 0.02, "zoom 125% gave {wider} from {w}");

    // The two-page document, and a long table whose later pages are drawn when scrolled to.
    app.click("print-sample-document").await;
    page_count(&app, "共 2 页").await;
    page_drawn(&app, 1).await;
    app.screenshot("print-02-document-preview").await;

    // As many pages as the engine makes of 150 rows, seen whole at 50%.
    let pages = print::render_counted(&print::sample(SampleKind::Table, 150)).expect("renders").pages;
    assert!(pages > 2, "150 rows on {pages} pages");
    app.type_into("print-rows", "150").await;
    app.click("print-sample-table").await;
    page_drawn(&app, 1).await;
    page_count(&app, &format!("共 {pages} 页")).await;
    for _ in 0..3 {
        app.click("pdf-zoom-out").await;
    }
    let last = app.by_test_id(&format!("pdf-page-{pages}")).await;
    last.scroll_into_view().await.expect("scroll");
    let half = page_drawn(&app, pages).await.rect().await.expect("rect").width;
    assert!((half / w - 0.5).abs() < 0.02, "zoom 50% gave {half} from {w}");
    app.screenshot("print-03-table-last-page").await;

    // 另存为's channel: the PDF goes back as raw bytes, the chosen path (Chinese) in a header.
    let target = ws.root.path().join("导出").join("督办通知单");
    std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
    let script = r#"
        const [path, done] = arguments;
        const invoke = window.__TAURI_INTERNALS__.invoke;
        const escaped = JSON.stringify(path).replace(/[\u007f-\uffff]/g,
            (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
        invoke('print_sample', { kind: 'form', rows: 1 })
            .then((pdf) => invoke('save_pdf', new Uint8Array(pdf), { headers: { 'luoshi-arg': escaped } }))
            .then(done, (e) => done('error: ' + JSON.stringify(e)));
    "#;
    let saved = app
        .driver
        .execute_async(script, vec![serde_json::json!(target.display().to_string())])
        .await
        .expect("script");
    let saved = saved.json().as_str().expect("path").to_owned();
    assert_eq!(saved, format!("{}.pdf", target.display()));
    let bytes = std::fs::read(&saved).expect("saved file");
    assert!(bytes.starts_with(b"%PDF-") && bytes.len() > 10_000, "{} bytes", bytes.len());

    // The fonts table, scrolled into view for the eye.
    fonts.scroll_into_view().await.expect("scroll");
    app.screenshot("print-04-fonts").await;
    app.quit().await;
}
