//! Enums stored as a code and shown with a Chinese label (来源, 状态, 总结类型 …), declared once with
//! `coded_enum!` so that every such enum parses, stores and names itself the same way. The labels
//! reach the UI from here too: `cargo test` writes them into `ui/src/api/types/labels.ts`.

/// An enum stored as a code and shown with a Chinese label. The lifecycle engine and the label table
/// work on any of them through this trait.
pub trait Coded: Copy + PartialEq + Eq + std::fmt::Debug + 'static {
    const ALL: &'static [Self];
    fn code(self) -> &'static str;
    fn label(self) -> &'static str;

    /// The value stored as `code`.
    fn by_code(value: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|x| x.code() == value)
    }

    /// The value stored as `code`; an unknown code is a conversion error of the row.
    fn from_code(value: &str) -> rusqlite::Result<Self> {
        Self::by_code(value).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                0,
                rusqlite::types::Type::Text,
                format!("unknown {} code {value}", std::any::type_name::<Self>()).into(),
            )
        })
    }
}

/// Serde for an optional coded enum written by its Chinese label rather than its code: the print
/// model's 密级 is written as "内部" by people who type the JSON by hand.
pub mod by_label {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serializer};

    use super::Coded;

    pub fn serialize<T: Coded, S: Serializer>(value: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => s.serialize_str(v.label()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, T: Coded, D: Deserializer<'de>>(d: D) -> Result<Option<T>, D::Error> {
        let text: Option<String> = Option::deserialize(d)?;
        text.map(|t| {
            T::ALL
                .iter()
                .copied()
                .find(|x| x.label() == t)
                .ok_or_else(|| D::Error::custom(format!("unknown variant `{t}`")))
        })
        .transpose()
    }
}

/// "A、B或C": the choices a message offers.
pub fn one_of(names: &[&str]) -> String {
    match names.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{}或{last}", rest.join("、")),
        None => String::new(),
    }
}

/// Declares a string enum with its stored code and Chinese label, and a parser that accepts both.
macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident, $field:literal, $what:literal, { $($(#[$vmeta:meta])* $variant:ident = ($code:literal, $label:literal)),+ $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        #[serde(rename_all = "snake_case")]
        #[ts(export)]
        // After the derives, so an enum may add its own (`#[derive(PartialOrd, Ord)]`) or rename
        // its TypeScript type (`#[ts(rename = "…")]`).
        $(#[$meta])*
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
                    $crate::Error::invalid(field, format!("{}“{}”无效，应为{}", $what, value, $crate::coded::one_of(&names)))
                })
            }

            /// Accepts the code or the Chinese label.
            pub fn parse(value: &str) -> $crate::Result<$name> {
                $name::parse_at($field, value)
            }

            // Not every enum is read back from the database.
            #[allow(dead_code)]
            pub(crate) fn from_code(value: &str) -> rusqlite::Result<$name> {
                <$name as $crate::coded::Coded>::from_code(value)
            }
        }

        impl $crate::coded::Coded for $name {
            const ALL: &'static [$name] = $name::ALL;
            fn code(self) -> &'static str { $name::code(self) }
            fn label(self) -> &'static str { $name::label(self) }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.code()))
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<$name> {
                let text = value.as_str()?;
                <$name as $crate::coded::Coded>::by_code(text)
                    .ok_or_else(|| rusqlite::types::FromSqlError::Other(format!("unknown {} code {text}", stringify!($name)).into()))
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assignment::{Action, EventKind, FeedbackCycle, Light, Source, State, Urgency};
    use crate::calendar::Category;
    use crate::check::{IndicatorsStatus, SectionRole};
    use crate::org::{Role, UnitKind};
    use crate::summary::{
        SectionChange, SummaryAction, SummaryEventKind, SummaryField, SummaryKind, SummaryState,
        SummaryVersionKind,
    };
    use crate::Classification;

    /// `export const <name>: Record<<Type>, string> = {…};` for one enum.
    fn table<T: Coded + ts_rs::TS>(name: &str, out: &mut String, imports: &mut Vec<String>) {
        // The TypeScript name, which an enum may rename (ArchiveRetention).
        let ty = T::name(&ts_rs::Config::default());
        out.push_str(&format!("export const {name}: Record<{ty}, string> = {{\n"));
        for x in T::ALL {
            out.push_str(&format!("  {}: '{}',\n", x.code(), x.label()));
        }
        out.push_str("};\n\n");
        imports.push(ty);
    }

    /// Writes `labels.ts` beside the ts-rs types: the Chinese label of every coded enum and the
    /// lights' colours, so the window never keeps its own copy. CI fails when it is stale.
    #[test]
    fn export_labels_for_the_ui() {
        let mut body = String::new();
        let mut imports = Vec::new();
        table::<State>("stateLabels", &mut body, &mut imports);
        table::<Action>("actionLabels", &mut body, &mut imports);
        table::<EventKind>("eventKindLabels", &mut body, &mut imports);
        table::<Light>("lightLabels", &mut body, &mut imports);
        table::<crate::assignment::LedgerScope>("ledgerScopeLabels", &mut body, &mut imports);
        table::<crate::profile::FirstStep>("firstStepLabels", &mut body, &mut imports);
        table::<Category>("categoryLabels", &mut body, &mut imports);
        table::<Source>("sourceLabels", &mut body, &mut imports);
        table::<Urgency>("urgencyLabels", &mut body, &mut imports);
        table::<FeedbackCycle>("feedbackCycleLabels", &mut body, &mut imports);
        table::<Classification>("classificationLabels", &mut body, &mut imports);
        table::<UnitKind>("unitKindLabels", &mut body, &mut imports);
        table::<Role>("roleLabels", &mut body, &mut imports);
        table::<SummaryKind>("summaryKindLabels", &mut body, &mut imports);
        table::<SummaryField>("summaryFieldLabels", &mut body, &mut imports);
        table::<SummaryState>("summaryStateLabels", &mut body, &mut imports);
        table::<SummaryAction>("summaryActionLabels", &mut body, &mut imports);
        table::<SummaryEventKind>("summaryEventKindLabels", &mut body, &mut imports);
        table::<SummaryVersionKind>("summaryVersionKindLabels", &mut body, &mut imports);
        table::<SectionChange>("sectionChangeLabels", &mut body, &mut imports);
        table::<SectionRole>("sectionRoleLabels", &mut body, &mut imports);
        table::<IndicatorsStatus>("indicatorsStatusLabels", &mut body, &mut imports);
        table::<crate::backup::BackupReason>("backupReasonLabels", &mut body, &mut imports);
        table::<crate::audit::AuditAction>("auditActionLabels", &mut body, &mut imports);
        table::<crate::audit::AuditObject>("auditObjectLabels", &mut body, &mut imports);
        table::<crate::exchange::LedgerField>("ledgerFieldLabels", &mut body, &mut imports);
        table::<crate::exchange::ContactField>("contactFieldLabels", &mut body, &mut imports);
        table::<crate::stats::StatsCount>("statsCountLabels", &mut body, &mut imports);
        table::<crate::remind::RemindKind>("remindKindLabels", &mut body, &mut imports);
        table::<crate::archive::Retention>("retentionLabels", &mut body, &mut imports);
        table::<crate::archive::Scheme>("archiveSchemeLabels", &mut body, &mut imports);
        table::<crate::archive::FileState>("archiveFileStateLabels", &mut body, &mut imports);
        table::<crate::archive::FileEventKind>("archiveFileEventKindLabels", &mut body, &mut imports);
        table::<crate::assignment::notice::ItemPaper>("itemPaperLabels", &mut body, &mut imports);
        table::<crate::summary::FollowUpKind>("followUpKindLabels", &mut body, &mut imports);
        table::<crate::summary::PublicationChannel>("publicationChannelLabels", &mut body, &mut imports);
        body.push_str(
            "/** Screen colours of the lights. */\nexport const lightColors: Record<Light, string> = {\n",
        );
        for l in Light::ALL {
            body.push_str(&format!("  {}: '{}',\n", l.code(), l.colour()));
        }
        body.push_str("};\n\n/** Screen colours of the summary states (antd tag presets). */\n");
        body.push_str("export const summaryStateColors: Record<SummaryState, string> = {\n");
        for st in SummaryState::ALL {
            body.push_str(&format!("  {}: '{}',\n", st.code(), st.colour()));
        }
        body.push_str("};\n");
        body.push_str(&format!(
            "\n/** Beside every 密级 field. */\nexport const classificationNotice = '{}';\n",
            crate::classification::NOTICE
        ));
        body.push_str(&format!(
            "\n/** How long a password of 数据加密 may be, in characters. */\nexport const passwordRule = {{ min: {}, max: {} }};\n",
            crate::encryption::PASSWORD_MIN_CHARS,
            crate::encryption::PASSWORD_MAX_CHARS
        ));
        let mut text = String::from(
            "// Generated by `cargo test` from the core's coded enums (luoshi-core src/coded.rs). Do not edit.\n",
        );
        for ty in &imports {
            text.push_str(&format!("import type {{ {ty} }} from './{ty}';\n"));
        }
        text.push('\n');
        text.push_str(&body);
        let dir = std::env::var("TS_RS_EXPORT_DIR").expect("TS_RS_EXPORT_DIR is set in .cargo/config.toml");
        let path = std::path::Path::new(&dir).join("labels.ts");
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text).expect("writes labels.ts");
        }
    }

    #[test]
    fn one_of_names_the_choices_in_chinese() {
        assert_eq!(one_of(&["红灯", "黄灯", "绿灯"]), "红灯、黄灯或绿灯");
        assert_eq!(one_of(&["公开"]), "公开");
    }
}
