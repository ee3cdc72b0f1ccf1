//! .docx export end to end: `luoshi-cli print render|sample --format docx` writes Word files whose
//! paragraphs carry the real heading styles, and which LibreOffice reads back with the model's text
//! in the model's order, headings as h1–h4 and A4 pages.
//!
//! The LibreOffice round trip needs `soffice` on the PATH (Debian: libreoffice-writer-nogui, which
//! `.ci/setup` installs).

use std::io::Read;
use std::path::Path;
use std::process::Command;

use chrono::Datelike;
use luoshi_core::print::{self, Block, Classification, Document, SampleKind};
use luoshi_core::test_support::xml_text;

use crate::fixtures::{cli, convert, json, soffice};

/// The text a reader of the document sees, one entry per paragraph (or table cell), in order.
fn model_text(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    if doc.classification == Some(Classification::Internal) {
        out.push("内部".to_string());
    }
    out.push(doc.title.clone());
    for block in &doc.blocks {
        match block {
            Block::Title(t) => out.push(t.text.clone()),
            Block::Heading(h) => out.push(h.text.clone()),
            Block::Paragraph(p) => out.push(p.text.clone()),
            Block::Table(t) => {
                out.extend(t.columns.iter().map(|c| c.title.clone()));
                out.extend(t.rows.iter().flatten().cloned());
                out.extend(t.totals.iter().flatten().cloned());
            }
            Block::Form(f) => {
                for field in f.rows.iter().flatten() {
                    out.push(field.label.clone());
                    out.push(field.value.clone());
                    if field.sign {
                        out.push("签名：　　　　　　日期：　　　年　　月　　日".to_string());
                    }
                }
            }
            Block::Signature(s) => {
                out.push(s.body.clone());
                out.push(format!("{}年{}月{}日", s.date.year(), s.date.month(), s.date.day()));
            }
            Block::Blank(_) | Block::PageBreak(_) => {}
        }
    }
    out.retain(|s| !s.trim().is_empty());
    out
}

fn part(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).expect("docx");
    let mut zip = zip::ZipArchive::new(file).expect("a zip package");
    let mut text = String::new();
    zip.by_name(name).expect(name).read_to_string(&mut text).expect("utf-8");
    text
}

/// The `(style, text)` of each paragraph of word/document.xml, in order (outside tables too).
fn styled_paragraphs(xml: &str) -> Vec<(String, String)> {
    xml.split("<w:p>")
        .skip(1)
        .map(|p| {
            let p = p.split("</w:p>").next().unwrap_or_default();
            let style = p
                .split("<w:pStyle w:val=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap_or_default()
                .to_string();
            let text: String = p
                .split("<w:t xml:space=\"preserve\">")
                .skip(1)
                .filter_map(|t| t.split("</w:t>").next())
                .collect();
            (style, text)
        })
        .collect()
}

/// The checks every rendered document passes: styles in the package, then LibreOffice's reading.
fn check(doc: &Document, file: &Path, dir: &Path, soffice: &str) {
    let paragraphs = styled_paragraphs(&part(file, "word/document.xml"));
    let headings: Vec<(String, String)> =
        paragraphs.iter().filter(|(s, _)| s.starts_with("Heading")).cloned().collect();
    let expected: Vec<(String, String)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some((format!("Heading{}", h.level), h.text.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(headings, expected, "every heading, in order, with its level's style");
    assert_eq!(
        paragraphs.iter().filter(|(s, _)| s == "Title").count(),
        1 + doc.blocks.iter().filter(|b| matches!(b, Block::Title(_))).count()
    );
    let styles = part(file, "word/styles.xml");
    for level in 1..=4 {
        assert!(styles.contains(&format!("w:styleId=\"Heading{level}\"><w:name w:val=\"heading {level}\"/>")));
    }

    let txt = convert(soffice, file, "txt:Text", "txt", dir);
    let text = std::fs::read_to_string(&txt).expect("text");
    let lines: Vec<String> = text
        .trim_start_matches('\u{feff}')
        .lines()
        .map(|l| l.trim_end().to_string())
        .filter(|l| !l.trim().is_empty())
        .collect();
    let want = model_text(doc);
    for (i, (got, want)) in lines.iter().zip(&want).enumerate() {
        assert_eq!(got, want, "paragraph {i} of {}", file.display());
    }
    assert_eq!(lines.len(), want.len(), "{}: same number of paragraphs", file.display());

    let html = std::fs::read_to_string(convert(soffice, file, "html", "html", dir)).expect("html");
    let want: Vec<(usize, String)> = expected
        .iter()
        .map(|(style, text)| (style.trim_start_matches("Heading").parse().expect("level"), text.clone()))
        .collect();
    assert_eq!(html_headings(&html), want, "LibreOffice reads the headings as h1–h4");
}

/// The level and text (tags stripped) of every h1–h6 element of LibreOffice's HTML.
fn html_headings(html: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<h") {
        let level = rest[i + 2..].chars().next().and_then(|c| c.to_digit(10));
        rest = &rest[i + 2..];
        let Some(level) = level else { continue };
        let close = format!("</h{level}>");
        let Some(end) = rest.find(&close) else { break };
        // The rest of the opening tag comes first.
        let inner = &rest[..end];
        let text = xml_text(&inner[inner.find('>').map_or(0, |i| i + 1)..]);
        out.push((level as usize, text.trim().to_string()));
        rest = &rest[end..];
    }
    out
}

#[test]
fn cli_samples_as_docx_read_back_with_the_models_text_and_heading_styles() {
    let dir = tempfile::tempdir().expect("temp dir");
    let soffice = soffice();
    for (name, kind) in
        [("document", SampleKind::Document), ("form", SampleKind::Form), ("table", SampleKind::Table)]
    {
        let file = dir.path().join(format!("{name}.docx"));
        let out = json(&cli(
            dir.path(),
            &[
                "print",
                "sample",
                "--kind",
                name,
                "--rows",
                "40",
                "--format",
                "docx",
                "-o",
                file.to_str().expect("path"),
            ],
        ));
        assert_eq!(out["format"], "docx");
        assert_eq!(out["bytes"].as_u64(), Some(std::fs::metadata(&file).expect("written").len()));
        check(&print::sample(kind, 40), &file, dir.path(), soffice);
    }
}

#[test]
fn cli_renders_a_json_model_as_docx_that_libreoffice_prints_on_a4() {
    let dir = tempfile::tempdir().expect("temp dir");
    let soffice = soffice();
    let mut doc = print::samples::document();
    doc.blocks.push(Block::PageBreak(print::PageBreak {}));
    doc.blocks.push(Block::Title(print::TitleBlock { text: "附件：重点事项清单".into() }));
    doc.blocks.extend(print::samples::form().blocks);
    let model = dir.path().join("model.json");
    std::fs::write(&model, serde_json::to_string(&doc).expect("json")).expect("model");
    let file = dir.path().join("总结.docx");
    json(&cli(
        dir.path(),
        &[
            "print",
            "render",
            model.to_str().expect("path"),
            "--format",
            "docx",
            "-o",
            file.to_str().expect("path"),
        ],
    ));
    check(&doc, &file, dir.path(), soffice);
    // The default stays PDF.
    let pdf = dir.path().join("总结.pdf");
    let out = json(&cli(
        dir.path(),
        &["print", "render", model.to_str().expect("path"), "-o", pdf.to_str().expect("p")],
    ));
    assert!(out["pages"].as_u64().expect("pages") >= 3);
    assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF-"));

    let converted = dir.path().join("lo");
    std::fs::create_dir_all(&converted).expect("dir");
    let from_docx = convert(soffice, &file, "pdf", "pdf", &converted);
    let info = Command::new("pdfinfo").arg(&from_docx).output().expect("pdfinfo (poppler-utils)");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("595.3") && info.contains("841.89"), "A4: {info}");
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|p| p.trim().parse().ok())
        .expect("pages");
    assert!(pages >= 3, "the page break and the annex: {pages}");
}

#[test]
fn a_bad_model_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let model = dir.path().join("bad.json");
    std::fs::write(&model, r#"{"title": "x", "blocks": [{"type": "heading", "level": 7, "text": "y"}]}"#)
        .expect("model");
    let file = dir.path().join("bad.docx");
    let out = cli(
        dir.path(),
        &[
            "print",
            "render",
            model.to_str().expect("path"),
            "--format",
            "docx",
            "-o",
            file.to_str().expect("path"),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("blocks[0].level"));
    assert!(!file.exists());
}
