//! Printing: the samples and fonts of 设置 → 打印, and the preview's 另存为 and 打印.
//!
//! PDFs travel as raw bytes both ways (an `ArrayBuffer` in JavaScript), never as JSON arrays of
//! numbers. A PDF sent *to* a command is the request body; its one string argument rides in the
//! `luoshi-arg` header as a JSON string with non-ASCII escaped (headers carry ASCII only).

use std::path::{Path, PathBuf};

use luoshi_core::print::{self, FontInUse, PrintError, SampleKind};
use luoshi_core::ErrorBody;
use tauri::ipc::{InvokeBody, Request};
use tauri::AppHandle;
use tauri_plugin_opener::OpenerExt;

use super::{Bytes, CommandResult};

/// The header that carries the string argument of a command whose body is a PDF.
const ARG_HEADER: &str = "luoshi-arg";

/// What the UI sends to a command that receives a PDF: the bytes as the raw request body and one
/// string argument in the `luoshi-arg` header (`sendPdf` in `ui/src/api/invoke.ts`).
#[derive(ts_rs::TS)]
pub struct PdfUpload<'a> {
    #[ts(type = "Uint8Array")]
    pub pdf: &'a [u8],
    pub arg: String,
}

commands! {
    fn print_sample(kind: SampleKind, rows: usize) -> Bytes {
        print::render_sample(kind, rows).map(Bytes).map_err(|e| e.body())
    }

    fn print_fonts() -> Vec<FontInUse> {
        print::fonts_in_use().map_err(|e| e.body())
    }

    /// 另存为: writes the PDF in the body to the path the user chose; returns the path written.
    #[raw_body(PdfUpload<'static>)]
    fn save_pdf(request: Request<'_>) -> PathBuf {
        let upload = pdf_upload(&request)?;
        print::save_pdf(Path::new(&upload.arg), upload.pdf).map_err(|e| e.body())
    }

    /// 打印: writes the PDF in the body to a temporary file named after the document and opens it
    /// with the system's PDF viewer, whose print dialog does the rest; returns the file's path.
    #[raw_body(PdfUpload<'static>)]
    fn open_pdf(app: AppHandle, request: Request<'_>) -> PathBuf {
        let upload = pdf_upload(&request)?;
        let path = print::temp_pdf(&upload.arg, upload.pdf).map_err(|e| e.body())?;
        app.opener()
            .open_path(path.to_string_lossy(), None::<&str>)
            .map_err(|e| PrintError::open_failed(&path, e).body())?;
        Ok(path)
    }
}

/// The string argument (from the header) and the PDF bytes (the body) of a request.
fn pdf_upload<'a>(request: &'a Request<'_>) -> CommandResult<PdfUpload<'a>> {
    let InvokeBody::Raw(pdf) = request.body() else {
        return Err(bad_request("the body must be the raw PDF bytes"));
    };
    let arg = request
        .headers()
        .get(ARG_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| serde_json::from_str::<String>(v).ok())
        .ok_or_else(|| bad_request("missing or malformed luoshi-arg header"))?;
    Ok(PdfUpload { pdf, arg })
}

/// A request the UI should never send: a programming error, reported as such.
fn bad_request(what: &str) -> ErrorBody {
    ErrorBody { code: "internal".into(), message: format!("程序内部错误：{what}"), field: None }
}
