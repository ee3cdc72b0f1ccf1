//! Print engine benchmark: font loading, a one-page form, a two-page document, a 1,000-row table,
//! and the same document written as .docx and converted by LibreOffice headless (what offices do
//! today), timed in the same run. Prints Markdown for docs/benchmarks.md.
//!
//! cargo run --release -p luoshi-core --example print_bench [-- --no-libreoffice]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use luoshi_core::print::{self, samples, Block, Document};

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Renders `runs` times; returns (median ms, pages, bytes).
fn time_render(doc: &Document, runs: usize) -> (f64, u32, u32) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let out = print::render_counted(doc).expect("renders");
        times.push(ms(t.elapsed()));
        last = Some(out);
    }
    let out = last.expect("at least one run");
    (median(times), out.pages, out.bytes)
}

fn main() {
    let with_lo = !std::env::args().any(|a| a == "--no-libreoffice");
    let t = Instant::now();
    print::preload().expect("fonts load");
    let font_load = ms(t.elapsed());
    let t = Instant::now();
    let first = print::render(&samples::form()).expect("renders");
    let first_form = ms(t.elapsed());

    let form = time_render(&samples::form(), 21);
    let doc = time_render(&samples::document(), 11);
    let table = time_render(&samples::table(1000), 3);

    println!("| What | Pages | Size | Time (median) | Target |");
    println!("|---|---|---|---|---|");
    println!("| Loading at start: 5 font faces (51 MB) and the title word list | | | {font_load:.0} ms | |");
    println!("| First form after loading | 1 | {} KB | {first_form:.0} ms | |", first.len() / 1024);
    println!(
        "| 督办通知单 (form sample) | {} | {} KB | {:.1} ms | ≤ 100 KB, ≤ 50 ms |",
        form.1,
        form.2 / 1024,
        form.0
    );
    println!("| 工作总结 (document sample) | {} | {} KB | {:.1} ms | ≤ 200 KB |", doc.1, doc.2 / 1024, doc.0);
    println!(
        "| 台账, 1,000 rows (table sample) | {} | {} KB | {:.0} ms | ≤ 1 s |",
        table.1,
        table.2 / 1024,
        table.0
    );

    if !with_lo {
        return;
    }
    let dir = std::env::temp_dir().join(format!("luoshi-print-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let docx = dir.join("document.docx");
    std::fs::write(&docx, docx::write(&samples::document())).expect("writes docx");
    let mut runs = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let status = Command::new("soffice")
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(&dir)
            .arg(&docx)
            .output();
        match status {
            Ok(out) if out.status.success() => runs.push(ms(t.elapsed())),
            Ok(out) => {
                eprintln!("soffice failed: {}", String::from_utf8_lossy(&out.stderr));
                return;
            }
            Err(e) => {
                eprintln!("soffice not found ({e}); install libreoffice-writer-nogui");
                return;
            }
        }
    }
    let lo_pdf = std::fs::metadata(dir.join("document.pdf")).map(|m| m.len()).unwrap_or(0);
    let lo_first = runs[0];
    let lo_warm = median(runs[1..].to_vec());
    let ours_cold = font_load + doc.0;
    println!();
    println!("| Same two-page document | Time | Size | Ratio (LibreOffice / 落实) |");
    println!("|---|---|---|---|");
    println!("| 落实, in process (fonts loaded) | {:.1} ms | {} KB | |", doc.0, doc.2 / 1024);
    println!("| 落实, fonts loaded + render | {ours_cold:.0} ms | | |");
    println!("| LibreOffice headless, .docx → PDF, first run | {lo_first:.0} ms | {} KB | {:.0}× (vs. fonts + render) |", lo_pdf / 1024, lo_first / ours_cold);
    println!(
        "| LibreOffice headless, .docx → PDF, next runs | {lo_warm:.0} ms | | {:.0}× (vs. fonts + render), {:.0}× (vs. render) |",
        lo_warm / ours_cold,
        lo_warm / doc.0
    );
    let _ = std::fs::remove_dir_all(Path::new(&dir));
}

/// A minimal WordprocessingML writer for the benchmark only: the same text, headings, table and
/// signature, with GB/T 9704 margins and fonts by name. Stored (uncompressed) zip, written by hand.
mod docx {
    use super::{Block, Document};

    fn esc(s: &str) -> String {
        s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
    }

    fn para(text: &str, font: &str, half_points: u32, jc: &str, indent: bool) -> String {
        let ind = if indent { r#"<w:ind w:firstLineChars="200" w:firstLine="640"/>"# } else { "" };
        format!(
            r#"<w:p><w:pPr><w:jc w:val="{jc}"/>{ind}</w:pPr><w:r><w:rPr><w:rFonts w:ascii="{font}" w:eastAsia="{font}" w:hAnsi="{font}"/><w:sz w:val="{half_points}"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            esc(text)
        )
    }

    fn body(doc: &Document) -> String {
        let mut xml = para(&doc.title, "方正小标宋简体", 44, "center", false);
        xml.push_str(&para("", "仿宋_GB2312", 32, "both", false));
        for block in &doc.blocks {
            match block {
                Block::Heading(h) => {
                    let font = match h.level {
                        1 => "黑体",
                        2 => "楷体_GB2312",
                        _ => "仿宋_GB2312",
                    };
                    xml.push_str(&para(&h.text, font, 32, "both", true));
                }
                Block::Paragraph(p) => xml.push_str(&para(&p.text, "仿宋_GB2312", 32, "both", p.indent)),
                Block::Table(t) => {
                    xml.push_str(r#"<w:tbl><w:tblPr><w:jc w:val="center"/><w:tblBorders><w:top w:val="single" w:sz="6"/><w:left w:val="single" w:sz="6"/><w:bottom w:val="single" w:sz="6"/><w:right w:val="single" w:sz="6"/><w:insideH w:val="single" w:sz="6"/><w:insideV w:val="single" w:sz="6"/></w:tblBorders></w:tblPr><w:tblGrid>"#);
                    for c in &t.columns {
                        xml.push_str(&format!(r#"<w:gridCol w:w="{}"/>"#, (c.width_mm * 56.7) as u32));
                    }
                    xml.push_str("</w:tblGrid>");
                    let header: Vec<String> = t.columns.iter().map(|c| c.title.clone()).collect();
                    for (i, row) in std::iter::once(&header).chain(&t.rows).enumerate() {
                        xml.push_str(if i == 0 {
                            r#"<w:tr><w:trPr><w:tblHeader/></w:trPr>"#
                        } else {
                            "<w:tr>"
                        });
                        for (cell, col) in row.iter().zip(&t.columns) {
                            xml.push_str(&format!(
                                r#"<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/></w:tcPr>"#,
                                (col.width_mm * 56.7) as u32
                            ));
                            let font = if i == 0 { "黑体" } else { "仿宋_GB2312" };
                            xml.push_str(&para(cell, font, 24, "center", false));
                            xml.push_str("</w:tc>");
                        }
                        xml.push_str("</w:tr>");
                    }
                    xml.push_str("</w:tbl>");
                }
                Block::Signature(s) => {
                    xml.push_str(&para("", "仿宋_GB2312", 32, "both", false));
                    xml.push_str(&para(&s.body, "仿宋_GB2312", 32, "right", false));
                    xml.push_str(&para(
                        &s.date.format("%Y年%-m月%-d日").to_string(),
                        "仿宋_GB2312",
                        32,
                        "right",
                        false,
                    ));
                }
                _ => {}
            }
        }
        // A4, margins 37/26/35/28 mm, 22 lines of 28 characters.
        xml.push_str(r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/><w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-849"/></w:sectPr>"#);
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{xml}</w:body></w:document>"#
        )
    }

    const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

    pub fn write(doc: &Document) -> Vec<u8> {
        let document = body(doc);
        zip(&[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("_rels/.rels", RELS.as_bytes()),
            ("word/document.xml", document.as_bytes()),
        ])
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }

    /// A stored zip archive (no compression), enough for a .docx.
    fn zip(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for (name, data) in files {
            let offset = out.len() as u32;
            let (crc, size, name_len) = (crc32(data), data.len() as u32, name.len() as u16);
            // Local file header.
            out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
            out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            out.extend_from_slice(&crc.to_le_bytes());
            out.extend_from_slice(&size.to_le_bytes());
            out.extend_from_slice(&size.to_le_bytes());
            out.extend_from_slice(&name_len.to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(data);
            // Central directory entry.
            central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
            central.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            central.extend_from_slice(&crc.to_le_bytes());
            central.extend_from_slice(&size.to_le_bytes());
            central.extend_from_slice(&size.to_le_bytes());
            central.extend_from_slice(&name_len.to_le_bytes());
            central.extend_from_slice(&[0; 12]);
            central.extend_from_slice(&offset.to_le_bytes());
            central.extend_from_slice(name.as_bytes());
        }
        let cd_offset = out.len() as u32;
        let cd_size = central.len() as u32;
        out.extend_from_slice(&central);
        out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&(files.len() as u16).to_le_bytes());
        out.extend_from_slice(&(files.len() as u16).to_le_bytes());
        out.extend_from_slice(&cd_size.to_le_bytes());
        out.extend_from_slice(&cd_offset.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out
    }
}
