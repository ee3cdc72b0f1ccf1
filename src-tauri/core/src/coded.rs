//! Enums stored as a code and shown with a Chinese label (来源, 状态, 总结类型 …), declared once with
//! `coded_enum!` so that every such enum parses, stores and names itself the same way.

/// Declares a string enum with its stored code and Chinese label, and a parser that accepts both.
macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident, $field:literal, $what:literal, { $($(#[$vmeta:meta])* $variant:ident = ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        #[serde(rename_all = "snake_case")]
        #[ts(export)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Accepts the code or the Chinese label; an error names `field`.
            pub fn parse_at(field: &str, value: &str) -> $crate::Result<$name> {
                let v = value.trim();
                $name::ALL.iter().copied().find(|x| x.code() == v || x.label() == v).ok_or_else(|| {
                    let names: Vec<&str> = $name::ALL.iter().map(|x| x.label()).collect();
                    $crate::Error::invalid(field, format!("{}“{}”无效，应为{}", $what, value, names.join("、")))
                })
            }

            /// Accepts the code or the Chinese label.
            pub fn parse(value: &str) -> $crate::Result<$name> {
                $name::parse_at($field, value)
            }

            // Not every enum is read back from the database.
            #[allow(dead_code)]
            pub(crate) fn from_code(value: &str) -> rusqlite::Result<$name> {
                $name::ALL.iter().copied().find(|x| x.code() == value).ok_or_else(|| {
                    rusqlite::Error::FromSqlConversionFailure(
                        0,
                        rusqlite::types::Type::Text,
                        format!("unknown {} code {value}", stringify!($name)).into(),
                    )
                })
            }
        }
    };
}
