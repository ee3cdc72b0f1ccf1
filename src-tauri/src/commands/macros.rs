//! `commands!`: each area file declares its commands once — name, doc, arguments with their types,
//! result type and body — and gets from that one declaration
//!
//! - the `#[tauri::command(async)]` functions (a `CommandResult<R>` each),
//! - `NAMES` and `handler()`, which the one dispatcher in `commands/mod.rs` chains,
//! - `Schema`, whose TypeScript (flattened into `Commands`, see `mod.rs`) maps each command name to
//!   `{ args, result }`, so that `call()` in `ui/src/api/invoke.ts` checks the name, the arguments
//!   and the result type at compile time.
//!
//! Three forms, told apart by their parameter lists:
//!
//! ```text
//! commands! {
//!     /// Uses the store: the first parameter, without a type, names the `State<AppState>`.
//!     fn register_assignment(state, input: AssignmentInput) -> i64 {
//!         state.with(|s| assignment::register(s.conn_mut(), &input))
//!     }
//!
//!     /// Needs nothing from Tauri: every parameter is an argument from the UI.
//!     fn print_sample(kind: SampleKind, rows: usize) -> Bytes { … }
//!
//!     /// Takes its argument as a raw body: the parameters are what Tauri injects (`Request`,
//!     /// `AppHandle` …) and `raw_body` gives the type the UI sends (for TypeScript only).
//!     #[raw_body(PdfUpload<'static>)]
//!     fn save_pdf(request: Request<'_>) -> PathBuf { … }
//! }
//! ```
//!
//! The UI's argument names are the Rust ones in camelCase (Tauri's default), and so are the fields
//! of the generated args types. `()` results become `null` in TypeScript (`void` for `call()`),
//! [`Bytes`] results an `ArrayBuffer`.

use tauri::ipc::{InvokeResponseBody, IpcResponse};

/// Raw bytes for the UI (a PDF): an `ArrayBuffer` in JavaScript, never a JSON array of numbers.
#[derive(ts_rs::TS)]
#[ts(type = "ArrayBuffer")]
pub struct Bytes(pub Vec<u8>);

impl IpcResponse for Bytes {
    fn body(self) -> tauri::Result<InvokeResponseBody> {
        Ok(InvokeResponseBody::Raw(self.0))
    }
}

/// One command in the schema: what the UI sends and what it gets back.
#[derive(ts_rs::TS)]
#[allow(dead_code)] // never built: only its TypeScript is used
pub struct Entry<A: ts_rs::TS, R: ts_rs::TS> {
    #[ts(inline)]
    pub args: A,
    pub result: R,
}

macro_rules! commands {
    // All munched: the per-area list, dispatcher and schema.
    (@munch [$( { [$($doc:literal)*] $name:ident $args:tt -> $res:ty } )*]) => {
        /// The command names of this area, for the dispatcher in `commands/mod.rs`.
        pub(super) const NAMES: &[&str] = &[$(stringify!($name)),*];

        /// Runs one command of this area (and answers `false` for any other name).
        pub(super) fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }

        /// Each command's arguments as the UI names them (for TypeScript only).
        mod args {
            #[allow(unused_imports)]
            use super::*;
            $(commands!(@args $name $args);)*
        }

        /// The commands of this area with their arguments and results, for `Commands`.
        #[derive(ts_rs::TS)]
        #[allow(dead_code)] // never built: only its TypeScript is used
        pub(super) struct Schema {
            $(
                $(#[doc = $doc])*
                #[ts(inline)]
                pub $name: $crate::commands::macros::Entry<args::$name, $res>,
            )*
        }
    };

    // With the store: `fn name(state, arg: Type, …) -> Result { body }`.
    (@munch [$($done:tt)*]
        $(#[doc = $doc:literal])*
        fn $name:ident ($state:ident $(, $arg:ident : $ty:ty)* $(,)?) -> $res:ty $body:block
        $($rest:tt)*
    ) => {
        $(#[doc = $doc])*
        #[tauri::command(async)]
        fn $name(
            $state: tauri::State<'_, $crate::state::AppState>,
            $($arg: $ty),*
        ) -> $crate::commands::CommandResult<$res> $body

        commands!(@munch [$($done)* { [$($doc)*] $name ($($arg: $ty),*) -> $res }] $($rest)*);
    };

    // Without anything from Tauri: `fn name(arg: Type, …) -> Result { body }`.
    (@munch [$($done:tt)*]
        $(#[doc = $doc:literal])*
        fn $name:ident ($($arg:ident : $ty:ty),* $(,)?) -> $res:ty $body:block
        $($rest:tt)*
    ) => {
        $(#[doc = $doc])*
        #[tauri::command(async)]
        fn $name($($arg: $ty),*) -> $crate::commands::CommandResult<$res> $body

        commands!(@munch [$($done)* { [$($doc)*] $name ($($arg: $ty),*) -> $res }] $($rest)*);
    };

    // A raw body: the parameters are Tauri's (`Request`, `AppHandle` …), the UI's type is given.
    (@munch [$($done:tt)*]
        $(#[doc = $doc:literal])*
        #[raw_body($body_ty:ty)]
        fn $name:ident ($($param:ident : $param_ty:ty),* $(,)?) -> $res:ty $body:block
        $($rest:tt)*
    ) => {
        $(#[doc = $doc])*
        #[tauri::command(async)]
        fn $name($($param: $param_ty),*) -> $crate::commands::CommandResult<$res> $body

        commands!(@munch [$($done)* { [$($doc)*] $name [$body_ty] -> $res }] $($rest)*);
    };

    (@munch [$($done:tt)*] $($rest:tt)*) => {
        compile_error!(concat!("commands!: cannot read this command: ", stringify!($($rest)*)));
    };

    // The args type of one command: `null` when it takes none, else an object of its arguments,
    // or the type a raw-body command declared.
    (@args $name:ident ()) => {
        #[allow(non_camel_case_types, dead_code)]
        #[derive(ts_rs::TS)]
        pub struct $name;
    };
    (@args $name:ident ($($arg:ident : $ty:ty),+)) => {
        #[allow(non_camel_case_types, dead_code)]
        #[derive(ts_rs::TS)]
        #[ts(rename_all = "camelCase")]
        pub struct $name {
            $($arg: $ty),+
        }
    };
    (@args $name:ident [$body_ty:ty]) => {
        #[allow(non_camel_case_types)]
        pub type $name = $body_ty;
    };

    ($($input:tt)*) => {
        commands!(@munch [] $($input)*);
    };
}
