//! Actions as the window shows them: the button's label, whether it is the main step, a line to
//! read before acting, and the form's fields with their Chinese labels, hints and what is required.
//! The window renders these; the core checks the same rules again when the action arrives.

use serde::Serialize;
use ts_rs::TS;

use crate::coded::Coded;

/// How a field is entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FieldKind {
    /// A person of the directory (its id).
    Person,
    /// Text over several lines.
    LongText,
    /// A date, sent as YYYY-MM-DD.
    Date,
    /// A whole score from 0 to 100.
    Score,
    /// A whole number from 1 (参加人数).
    Count,
    /// One of `options`, shown as buttons.
    Choice,
    /// One of `options`, shown as a drop-down list.
    Select,
    /// Opinions on the whole text and on chosen sections (`options` are the sections): a list of
    /// `{section, text}`, `section` absent for the general opinion.
    SectionOpinions,
}

/// A choice of a `Choice`, `Select` or `SectionOpinions` field.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FieldOption {
    #[ts(type = "number | string | boolean | null")]
    pub value: serde_json::Value,
    pub label: String,
}

/// "When field `field` has value `value`".
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FieldValue {
    pub field: String,
    #[ts(type = "number | string | boolean | null")]
    pub value: serde_json::Value,
}

/// One field of an action's form. `name` is the input's field name, which the core's errors name.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FormField {
    pub name: String,
    pub label: String,
    pub kind: FieldKind,
    pub required: bool,
    /// Required only while another field has a value (回访: 反弹情况 when the result rebounded).
    #[ts(optional)]
    pub required_when: Option<FieldValue>,
    #[ts(optional)]
    pub hint: Option<String>,
    pub options: Vec<FieldOption>,
    #[ts(optional, type = "number | string | boolean | null")]
    pub default: Option<serde_json::Value>,
    /// The longest text accepted, in characters.
    #[ts(optional)]
    pub max_chars: Option<u32>,
}

impl FormField {
    fn new(name: &str, label: &str, kind: FieldKind) -> FormField {
        FormField {
            name: name.to_string(),
            label: label.to_string(),
            kind,
            required: false,
            required_when: None,
            hint: None,
            options: vec![],
            default: None,
            max_chars: None,
        }
    }

    /// Who acted: a required person, by default the local user.
    pub fn actor(label: &str, default: Option<i64>) -> FormField {
        let mut f = FormField::new("actor_id", label, FieldKind::Person).required();
        f.default = default.map(Into::into);
        f
    }

    pub fn long_text(name: &str, label: &str, max_chars: u32) -> FormField {
        FormField { max_chars: Some(max_chars), ..FormField::new(name, label, FieldKind::LongText) }
    }

    pub fn date(name: &str, label: &str) -> FormField {
        FormField::new(name, label, FieldKind::Date)
    }

    pub fn count(name: &str, label: &str) -> FormField {
        FormField::new(name, label, FieldKind::Count)
    }

    pub fn score(name: &str, label: &str) -> FormField {
        FormField::new(name, label, FieldKind::Score)
    }

    /// One of `options` (value, label), the first being the default.
    pub fn choice(name: &str, label: &str, options: Vec<(serde_json::Value, String)>) -> FormField {
        let options: Vec<FieldOption> =
            options.into_iter().map(|(value, label)| FieldOption { value, label }).collect();
        let default = options.first().map(|o| o.value.clone());
        FormField { options, default, ..FormField::new(name, label, FieldKind::Choice) }
    }

    /// One of `options` in a drop-down list, `default` chosen at first.
    pub fn select(
        name: &str,
        label: &str,
        options: Vec<(serde_json::Value, String)>,
        default: serde_json::Value,
    ) -> FormField {
        let options = options.into_iter().map(|(value, label)| FieldOption { value, label }).collect();
        FormField { options, default: Some(default), ..FormField::new(name, label, FieldKind::Select) }
    }

    pub fn section_opinions(name: &str, label: &str, sections: Vec<(i64, String)>) -> FormField {
        let options =
            sections.into_iter().map(|(value, label)| FieldOption { value: value.into(), label }).collect();
        FormField { options, ..FormField::new(name, label, FieldKind::SectionOpinions) }
    }

    pub fn required(mut self) -> FormField {
        self.required = true;
        self
    }

    /// Required when `required` is true (a rule that depends on the record, e.g. failing checks).
    pub fn required_if(mut self, required: bool) -> FormField {
        self.required = required;
        self
    }

    pub fn required_when(mut self, field: &str, value: serde_json::Value) -> FormField {
        self.required_when = Some(FieldValue { field: field.to_string(), value });
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> FormField {
        self.hint = Some(hint.into());
        self
    }
}

/// Something the window shows beside an action's form, from data it fetches itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ActionPanel {
    /// The substance checks of the current text (提交审核).
    Checks,
}

/// An action the record offers now, with its form.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AvailableAction<A: TS> {
    pub action: A,
    pub label: String,
    /// The step that moves the record on (drawn as the main button).
    pub primary: bool,
    /// Drawn as a warning (退回, 中止 …).
    pub danger: bool,
    /// What to read before acting (a pending extension, opinions that go with a return).
    #[ts(optional)]
    pub notice: Option<String>,
    #[ts(optional)]
    pub panel: Option<ActionPanel>,
    pub fields: Vec<FormField>,
}

impl<A: Coded + TS> AvailableAction<A> {
    pub fn new(action: A, fields: Vec<FormField>) -> AvailableAction<A> {
        AvailableAction {
            action,
            label: action.label().to_string(),
            primary: false,
            danger: false,
            notice: None,
            panel: None,
            fields,
        }
    }

    pub fn primary(mut self, primary: bool) -> AvailableAction<A> {
        self.primary = primary;
        self
    }

    pub fn danger(mut self, danger: bool) -> AvailableAction<A> {
        self.danger = danger;
        self
    }

    pub fn notice(mut self, notice: Option<String>) -> AvailableAction<A> {
        self.notice = notice;
        self
    }

    pub fn panel(mut self, panel: ActionPanel) -> AvailableAction<A> {
        self.panel = Some(panel);
        self
    }
}
