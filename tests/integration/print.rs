//! The print engine end to end: `luoshi-cli print …` writes PDFs that poppler and qpdf read back.
//! Geometry is checked with `pdftotext -bbox-layout` against GB/T 9704-2012 (a ruler in code).
//! Needs poppler-utils and qpdf on the PATH (CI installs them).

use std::path::{Path, PathBuf};

use serde_json::json;

use crate::fixtures::{self, tool};

const PT_MM: f64 = 25.4 / 72.0;
/// 16 pt in mm: the height of a body line's box (the role fonts declare ascent 0.88, descent 0.12).
const BODY_MM: f64 = 16.0 * PT_MM;
/// Distance between body lines: 22 lines fill 225 mm.
const PITCH_MM: f64 = (225.0 - BODY_MM) / 21.0;
/// The page-number font (Noto Serif CJK SC) declares ascent 1.151 and descent 0.286.
const NOTO_ASCENT: f64 = 1.151;
const NOTO_DESCENT: f64 = 0.286;

const NO_START: &str = "，。、；：！？）》」』”’…—,.;:!?)";
const NO_END: &str = "（《「『“‘(";

/// Real office writing (from the shared corpus), with its own half-width punctuation.
const REAL_TEXT: &[&str] = &[
    "在实际工作与管理中,项目不仅仅是阶段性的任务,更是检验团队协作能力、资源统筹能力与目标达成能力的重要载体。项目结束后撰写项目总结,能够系统回顾项目全过程,梳理经验做法,查找问题根源,提炼可复制的成功模式,为后续项目提供参考与借鉴。《项目总结怎么写》既是工作闭环的关键一环,也是个人与团队成长的重要抓手。",
    "本次项目自立项以来,围绕既定目标,完成了从需求调研、方案设计、计划制定,到实施推进、过程管控、成果交付等一系列工作。项目涉及多个部门协同,参与成员专业背景多元,整体任务量较大、周期较长,工作内容涵盖前期准备、中期实施、后期验收与持续优化等多个环节。",
    "项目立项之初,明确了总体目标和分解目标。从总体目标来看,主要体现在以下几个方面:提升业务效率、优化工作流程、增强团队协作、完善管理机制、推动成果落地。围绕上述目标,项目进一步细化为若干可量化的关键任务与阶段性目标。",
    "发布渠道:内部会议、官网公示、书面印发,某发布覆盖100+单位;宣贯培训:解读总结核心内容、部署下一步工作,某培训覆盖500+人次;疑问解答:现场或线上回应咨询,某解答疑问30+个;材料归档:将报告、数据、评审意见归档,某归档完整率100%;",
    "问题整改:针对总结发现的问题制定整改方案,某整改完成率95%;经验推广:复制优秀经验至同类项目,某经验推广覆盖20+个项目;计划落地:跟踪下一步工作推进情况,某计划落地率90%;效果评估:评估总结对工作的指导作用,某评估优秀率80%;",
    "第一,业务效率方面。通过对流程的梳理与再造,对原有工作环节进行优化整合,减少了重复性操作和无效环节,提升了整体处理速度和响应能力。相关岗位的工作方式更为清晰、职责边界更加明确,问题反馈通道更加畅通,整体业务运行效率得到显著提升。",
];

/// The same text as a 公文 would carry it: full-width punctuation.
fn full_width(text: &str) -> String {
    text.replace(',', "，").replace(':', "：").replace(';', "；")
}

struct Dir(tempfile::TempDir);

impl Dir {
    fn new() -> Dir {
        Dir(tempfile::tempdir().expect("temp dir"))
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.path().join(name)
    }

    /// `print sample`, returning the PDF's path and the CLI's JSON.
    fn sample(&self, kind: &str, rows: usize) -> (PathBuf, serde_json::Value) {
        let out = self.path(&format!("{kind}.pdf"));
        let rows = rows.to_string();
        let args = ["print", "sample", "--kind", kind, "--rows", &rows, "-o", out.to_str().expect("path")];
        let value = fixtures::json(&fixtures::cli(self.0.path(), &args));
        (out, value)
    }

    /// `print render` of a model.
    fn render(&self, model: &serde_json::Value) -> std::process::Output {
        let input = self.path("model.json");
        std::fs::write(&input, model.to_string()).expect("writes model");
        let out = self.path("model.pdf");
        fixtures::cli(
            self.0.path(),
            &["print", "render", input.to_str().expect("path"), "-o", out.to_str().expect("path")],
        )
    }

    fn render_ok(&self, model: &serde_json::Value) -> PathBuf {
        fixtures::json(&self.render(model));
        self.path("model.pdf")
    }
}

/// A line as `pdftotext -bbox-layout` sees it, in mm from the top-left corner.
#[derive(Debug, Clone)]
struct TextLine {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

impl TextLine {
    fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    fn is_body(&self) -> bool {
        (self.height() - BODY_MM).abs() < 0.05
    }

    fn chars(&self) -> usize {
        self.text.chars().count()
    }
}

fn attr(tag: &str, name: &str) -> f64 {
    let key = format!("{name}=\"");
    let start = tag.find(&key).expect("attribute") + key.len();
    let end = start + tag[start..].find('"').expect("closing quote");
    tag[start..end].parse::<f64>().expect("number") * PT_MM
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
}

/// Every page's lines (words joined without spaces).
fn bbox_pages(pdf: &Path) -> Vec<Vec<TextLine>> {
    let html = tool("pdftotext", &["-bbox-layout", pdf.to_str().expect("path"), "-"]);
    html.split("<page ")
        .skip(1)
        .map(|page| {
            page.split("<line ")
                .skip(1)
                .map(|line| {
                    let tag = &line[..line.find('>').expect("tag end")];
                    let body = &line[..line.find("</line>").expect("line end")];
                    let text = body
                        .split("<word ")
                        .skip(1)
                        .map(|w| {
                            let w = &w[w.find('>').expect("word tag") + 1..];
                            unescape(&w[..w.find("</word>").expect("word end")])
                        })
                        .collect::<String>();
                    TextLine {
                        x0: attr(tag, "xMin"),
                        y0: attr(tag, "yMin"),
                        x1: attr(tag, "xMax"),
                        y1: attr(tag, "yMax"),
                        text,
                    }
                })
                .collect()
        })
        .collect()
}

/// Lines of one visual row merged (pdftotext splits a justified line at wide gaps).
fn rows(lines: &[TextLine]) -> Vec<TextLine> {
    let mut sorted = lines.to_vec();
    sorted.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
    let mut out: Vec<TextLine> = Vec::new();
    for l in sorted {
        match out.last_mut() {
            Some(last) if (last.y0 - l.y0).abs() < 0.2 && (last.height() - l.height()).abs() < 0.2 => {
                last.x1 = last.x1.max(l.x1);
                last.text.push_str(&l.text);
            }
            _ => out.push(l),
        }
    }
    out
}

fn is_page_number(l: &TextLine) -> bool {
    l.text.starts_with('—') && l.text.ends_with('—') && l.text.trim_matches('—').parse::<u32>().is_ok()
}

fn paragraphs_model(texts: &[String]) -> serde_json::Value {
    let blocks: Vec<_> = texts.iter().map(|t| json!({"type": "paragraph", "text": t})).collect();
    json!({"title": "项目总结", "blocks": blocks})
}

#[test]
fn body_text_fills_the_gbt9704_grid() {
    let dir = Dir::new();
    let texts: Vec<String> = REAL_TEXT.iter().map(|t| full_width(t)).collect();
    let pdf = dir.render_ok(&paragraphs_model(&texts));
    let pages = bbox_pages(&pdf);
    assert!(pages.len() >= 2, "the model should fill a page");

    let page1 = rows(&pages[0]);
    let body: Vec<&TextLine> = page1.iter().filter(|l| l.is_body()).collect();
    // Text area: top 37 mm, left 28 mm, right 184 mm, bottom 262 mm.
    assert!((body[0].y0 - 37.0).abs() < 0.5 || (page1[0].y0 - 37.0).abs() < 0.5, "top: {:?}", page1[0]);
    let left = body.iter().map(|l| l.x0).fold(f64::MAX, f64::min);
    assert!((left - 28.0).abs() < 0.5, "left edge {left}");
    assert!(body.iter().all(|l| l.x0 > 27.5), "nothing left of the text area");
    // 22 lines per full page: title (2 lines of the grid incl. the blank after it) + 20 body lines.
    let grid_rows: Vec<f64> = page1.iter().filter(|l| !is_page_number(l)).map(|l| l.y1).collect();
    let last = grid_rows.iter().copied().fold(0.0, f64::max);
    assert!((last - 262.0).abs() < 0.5, "last line ends at {last}, not at the foot of the text area");
    assert_eq!(body.len(), 20, "20 body lines under the title and its blank line");
    for l in &body {
        let k = (l.y0 - 37.0) / PITCH_MM;
        assert!((k - k.round()).abs() * PITCH_MM < 0.5, "off the grid: {l:?}");
    }

    // Every full line is justified edge to edge; a pure hanzi line holds 28 characters.
    let mut pure_full = 0;
    for page in &pages {
        let page = rows(page);
        let body: Vec<&TextLine> = page.iter().filter(|l| l.is_body()).collect();
        for pair in body.windows(2) {
            let (line, next) = (pair[0], pair[1]);
            let continues = (next.x0 - 28.0).abs() < 0.5; // the next line is not a new paragraph
            if !continues {
                continue;
            }
            let hangs =
                line.text.ends_with(|c: char| "，。、；：！？）》」』”’".contains(c)) && line.x1 > 184.5;
            if !hangs {
                assert!((line.x1 - 184.0).abs() < 0.5, "not justified: {line:?}");
            }
            let ideographic = line.text.chars().all(|c| !c.is_ascii());
            if ideographic && !hangs && (line.x0 - 28.0).abs() < 0.5 {
                pure_full += 1;
                assert_eq!(line.chars(), 28, "{line:?}");
            }
        }
    }
    assert!(pure_full >= 5, "the sample should have full hanzi lines to check ({pure_full})");
}

#[test]
fn line_breaking_rules_hold_on_real_text() {
    let dir = Dir::new();
    let mut texts: Vec<String> = REAL_TEXT.iter().map(|t| t.to_string()).collect();
    texts.extend(REAL_TEXT.iter().map(|t| full_width(t)));
    texts.push(format!("{}——这是一句被破折号隔开的话……以及省略号。", "落实".repeat(13)));
    texts.push(format!("{}“引号”和《文件名称》不应被拆开。", "督办".repeat(13)));
    let pdf = dir.render_ok(&paragraphs_model(&texts));
    let mut lines = Vec::new();
    for page in bbox_pages(&pdf) {
        lines.extend(rows(&page).into_iter().filter(|l| l.is_body()));
    }
    for pair in lines.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let first = b.text.chars().next().expect("text");
        let last = a.text.chars().last().expect("text");
        assert!(!NO_START.contains(first), "line begins with {first}: {b:?}");
        assert!(!NO_END.contains(last), "line ends with {last}: {a:?}");
        assert!(
            !(last.is_ascii_alphanumeric() && first.is_ascii_alphanumeric()),
            "a number or word was split: {a:?} / {b:?}"
        );
    }
    // And nothing was lost on the way.
    let all = tool("pdftotext", &[pdf.to_str().expect("path"), "-"]);
    let flat: String = all
        .lines()
        .filter(|l| {
            !is_page_number(&TextLine { x0: 0.0, y0: 0.0, x1: 0.0, y1: 0.0, text: l.replace(' ', "") })
        })
        .flat_map(|l| l.chars().filter(|c| !c.is_whitespace()))
        .collect();
    for t in &texts {
        assert!(flat.contains(t.as_str()), "missing from the PDF text: {t}");
    }
}

#[test]
fn page_numbers_stand_7mm_below_the_text_area_odd_right_even_left() {
    let dir = Dir::new();
    let (pdf, out) = dir.sample("table", 120);
    let pages = bbox_pages(&pdf);
    assert_eq!(out["pages"].as_u64(), Some(pages.len() as u64));
    assert!(pages.len() >= 3);
    let one_char = 14.0 * PT_MM;
    for (i, page) in pages.iter().enumerate() {
        let number =
            page.iter().find(|l| is_page_number(l)).unwrap_or_else(|| panic!("page {} has no number", i + 1));
        assert_eq!(number.text.trim_matches('—').trim(), (i + 1).to_string());
        // Em-box top of a 14 pt line from the bbox of the Noto face.
        let size = number.height() / (NOTO_ASCENT + NOTO_DESCENT);
        assert!((size / PT_MM - 14.0).abs() < 0.2, "page number size {}", size / PT_MM);
        let em_top = number.y0 + (NOTO_ASCENT - 0.88) * size;
        assert!((em_top - 269.0).abs() < 0.5, "page {} number at {em_top}", i + 1);
        if i % 2 == 0 {
            assert!((number.x1 - (184.0 - one_char)).abs() < 0.5, "odd page {} right: {number:?}", i + 1);
        } else {
            assert!((number.x0 - (28.0 + one_char)).abs() < 0.5, "even page {} left: {number:?}", i + 1);
        }
    }
}

#[test]
fn long_tables_repeat_their_header_on_every_page_and_never_split_rows() {
    let dir = Dir::new();
    let (pdf, _) = dir.sample("table", 150);
    let pages = bbox_pages(&pdf);
    assert!(pages.len() >= 5, "150 rows run over several pages");
    let mut seen = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let page = rows(page);
        let header = page
            .iter()
            .find(|l| l.text.contains("事项名称"))
            .unwrap_or_else(|| panic!("no header on page {}", i + 1));
        assert!(header.text.contains("序号") && header.text.contains("办理时限"), "{header:?}");
        let first_row =
            page.iter().filter(|l| l.text.contains("督〔2026〕")).map(|l| l.y0).fold(f64::MAX, f64::min);
        assert!(header.y1 < first_row, "the header is not above the rows on page {}", i + 1);
        if i > 0 {
            assert!((header.y0 - 37.0).abs() < 4.0, "the header starts page {}: {header:?}", i + 1);
        }
        for l in &page {
            if let Some(number) = l
                .text
                .split("督〔2026〕")
                .nth(1)
                .and_then(|r| r.split('号').next())
                .and_then(|n| n.parse::<u32>().ok())
            {
                seen.push(number);
            }
        }
    }
    // Each row printed once, whole, in order.
    assert_eq!(seen, (1..=150).collect::<Vec<u32>>());
    let text = tool("pdftotext", &[pdf.to_str().expect("path"), "-"]);
    assert!(text.contains("合计"));
}

#[test]
fn rare_names_round_trip_through_the_fallback_font() {
    let dir = Dir::new();
    let text = "联系人：王玥、陈堃、张镕、吉𠮷；电话0571-87654321。";
    let pdf = dir.render_ok(&json!({"title": "名单", "blocks": [
        {"type": "heading", "level": 1, "text": "一、王玥同志"},
        {"type": "heading", "level": 2, "text": "（一）陈堃同志"},
        {"type": "paragraph", "text": text},
        {"type": "table", "columns": [{"title": "姓名", "width_mm": 40}], "rows": [["张镕"], ["𠮷"]]},
    ]}));
    let out = tool("pdftotext", &[pdf.to_str().expect("path"), "-"]);
    let flat: String = out.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(flat.starts_with("名单一、王玥同志（一）陈堃同志"), "{flat}");
    assert!(flat.contains(text), "{flat}");
    assert!(flat.contains("姓名张镕𠮷"), "{flat}");
}

#[test]
fn every_font_is_embedded_subset_and_mapped_to_unicode() {
    let dir = Dir::new();
    for kind in ["document", "form", "table"] {
        let (pdf, _) = dir.sample(kind, 40);
        let fonts = tool("pdffonts", &[pdf.to_str().expect("path")]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{kind}: no fonts");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "{kind}: {row}");
            assert!(cols[0].contains('+'), "{kind}: subset fonts carry a tag: {row}");
        }
        tool("qpdf", &["--check", pdf.to_str().expect("path")]);
    }
}

#[test]
fn samples_are_real_pdfs_with_metadata_in_sensible_sizes() {
    let dir = Dir::new();
    let (form, out) = dir.sample("form", 0);
    assert_eq!(out["pages"], 1, "the 督办通知单 fits one page");
    assert!(out["bytes"].as_u64().expect("bytes") <= 100_000, "{out}");
    let info = tool("pdfinfo", &[form.to_str().expect("path")]);
    assert!(info.contains("督办通知单"), "{info}");
    assert!(info.contains("市政务服务中心督查室"), "{info}");
    assert!(info.lines().any(|l| l.starts_with("CreationDate:") && l.contains("20")), "{info}");
    assert!(info.contains("595.276 x 841.89 pts (A4)"), "{info}");
    let (_, out) = dir.sample("document", 0);
    assert_eq!(out["pages"], 2);
    assert!(out["bytes"].as_u64().expect("bytes") <= 200_000, "{out}");
    let text = tool("pdftotext", &[dir.path("document.pdf").to_str().expect("path"), "-"]);
    assert!(text.starts_with("内部"), "the 内部 mark comes first");
}

#[test]
fn bad_models_are_refused_naming_the_field() {
    let dir = Dir::new();
    let out = dir.render(&json!({"title": "表", "blocks": [
        {"type": "paragraph", "text": "甲"},
        {"type": "heading", "level": 1, "text": "一、乙"},
        {"type": "table", "columns": [{"title": "单位", "width_mm": "三十"}], "rows": []},
    ]}));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("blocks[2].columns[0].width_mm"), "{err}");

    let out =
        dir.render(&json!({"title": "表", "blocks": [{"type": "paragraph", "text": "私用区字符\u{E000}"}]}));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("U+E000") && err.contains("blocks[0]"), "{err}");
    assert!(!dir.path("model.pdf").exists(), "no PDF is written for a model that cannot print");
}
