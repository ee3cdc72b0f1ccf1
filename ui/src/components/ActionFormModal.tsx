// The form of one lifecycle action, drawn from what the core sends (`AvailableAction`): its fields
// with their Chinese labels, hints, choices and which are required. Every area with a lifecycle
// (交办事项, 总结, 归档) uses this one form; none keeps its own list of fields or rules.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import type { Rule } from 'antd/es/form';
import type { Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import type { FieldOption } from '../api/types/FieldOption';
import type { FormField } from '../api/types/FormField';
import { toApiError } from '../api/invoke';
import { personOptions, useDirectory } from './directory';

/** An action as the core offers it (the `action` code is the area's own enum). */
export interface OfferedAction {
  action: string;
  label: string;
  primary: boolean;
  danger: boolean;
  notice?: string;
  fields: FormField[];
}

type Scalar = number | string | boolean | null;
type Values = Record<string, unknown>;

// antd's Select cannot hold null as a value; "none" (a general opinion) travels as this.
const NONE = '__none__';
const toSelect = (v: Scalar | undefined) => (v === null ? NONE : v);
const fromSelect = (v: unknown) => (v === NONE ? null : v);

/** The test id of a field: `<prefix>-<name>`, with actor_id as `actor` and `_` as `-`. */
const testId = (prefix: string, name: string) => `${prefix}-${name === 'actor_id' ? 'actor' : name.replaceAll('_', '-')}`;

function initialValues(fields: FormField[], context: { section?: number }): Values {
  const values: Values = {};
  for (const f of fields) {
    if (f.kind === 'section_opinions') values[f.name] = { general: '', sections: [] };
    else if (f.kind === 'select') values[f.name] = toSelect(f.name === 'section' && context.section != null ? context.section : (f.default ?? null));
    else if (f.default !== undefined) values[f.name] = f.default;
  }
  return values;
}

/** The values as the core reads them: dates as YYYY-MM-DD, blank texts left out, opinions as a list. */
function valuesOut(fields: FormField[], v: Values): Values {
  const out: Values = {};
  for (const f of fields) {
    const value = v[f.name];
    switch (f.kind) {
      case 'date':
        if (value) out[f.name] = (value as Dayjs).format('YYYY-MM-DD');
        break;
      case 'long_text':
        if (typeof value === 'string' && value.trim()) out[f.name] = value.trim();
        break;
      case 'select':
        out[f.name] = fromSelect(value);
        break;
      case 'section_opinions': {
        const o = value as OpinionsValue;
        out[f.name] = [
          ...(o.general.trim() ? [{ text: o.general.trim() }] : []),
          ...o.sections.filter((s) => s.text?.trim()).map((s) => ({ section: s.section, text: s.text.trim() })),
        ];
        break;
      }
      default:
        if (value !== undefined && value !== null) out[f.name] = value;
    }
  }
  return out;
}

export function ActionFormModal({
  title,
  offered,
  testPrefix,
  context = {},
  panel,
  onSubmit,
  onClose,
}: {
  title: string;
  offered: OfferedAction;
  /** Test ids of the fields and the OK button start with this. */
  testPrefix: string;
  /** The section the user is on: the default of a section choice. */
  context?: { section?: number };
  /** What the area shows above the fields (e.g. the checks before 提交审核). */
  panel?: ReactNode;
  onSubmit: (values: Values) => Promise<void>;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const { persons } = useDirectory();
  const [saving, setSaving] = useState(false);
  const watched = Form.useWatch([], form) as Values | undefined;
  const names = offered.fields.map((f) => f.name);

  const submit = async (values: Values) => {
    setSaving(true);
    try {
      await onSubmit(valuesOut(offered.fields, values));
    } catch (error) {
      const e = toApiError(error);
      // opinions[0].text → the opinions field; anything the form does not have → a message.
      const root = e.field?.split(/[.[]/)[0];
      if (root && names.includes(root)) form.setFields([{ name: root, errors: [e.message] }]);
      else message.error(e.message);
    } finally {
      setSaving(false);
    }
  };

  const required = (f: FormField) =>
    f.required || (f.required_when != null && watched?.[f.required_when.field] === f.required_when.value);

  // A rule with any key beside `required` is checked as a string by antd's validator, so
  // `whitespace` goes only on text fields (a person's id is a number).
  const rules = (f: FormField): Rule[] => {
    if (!required(f)) return [];
    if (f.kind === 'long_text') return [{ required: true, whitespace: true, message: `请填写${f.label}` }];
    return [{ required: true, message: f.kind === 'person' ? '请选择人员' : `请填写${f.label}` }];
  };

  return (
    <Modal
      title={title}
      open
      width={offered.fields.some((f) => f.kind === 'section_opinions') || panel ? 720 : 560}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={`确定${offered.label}（Ctrl+Enter）`}
      okButtonProps={{ loading: saving, danger: offered.danger, 'data-testid': `${testPrefix}-submit` }}
      destroyOnHidden
      maskClosable={false}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initialValues(offered.fields, context)}
        onFinish={(values) => void submit(values)}
        onKeyDown={(e) => {
          // Ctrl+Enter saves from any field, as the OK button says. The button sits in the modal's
          // footer, outside the form, so the browser submits nothing by itself.
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            form.submit();
          }
        }}
      >
        {panel}
        {offered.notice && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={offered.notice} />}
        {offered.fields.map((f, i) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={f.label}
            extra={f.hint && <span data-testid={`${testId(testPrefix, f.name)}-hint`}>{f.hint}</span>}
            rules={f.kind === 'section_opinions' ? [] : rules(f)}
            // Only the first text field takes the focus.
          >
            {fieldInput(f, testId(testPrefix, f.name), persons, i === offered.fields.findIndex((x) => x.kind === 'long_text'))}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

function fieldInput(f: FormField, id: string, persons: ReturnType<typeof useDirectory>['persons'], focus: boolean) {
  switch (f.kind) {
    case 'person':
      return <Select showSearch={{ optionFilterProp: 'label' }} options={personOptions(persons)} data-testid={id} />;
    case 'long_text':
      return <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={f.max_chars} autoFocus={focus} data-testid={id} />;
    case 'date':
      return <DatePicker style={{ width: '100%' }} data-testid={id} />;
    case 'score':
      return <InputNumber min={0} max={100} precision={0} style={{ width: 160 }} data-testid={id} />;
    case 'count':
      return <InputNumber min={1} precision={0} style={{ width: 160 }} data-testid={id} />;
    case 'choice':
      return <Radio.Group options={f.options.map(option)} data-testid={id} />;
    case 'select':
      return <Select options={f.options.map((o) => ({ value: toSelect(o.value), label: o.label }))} data-testid={id} />;
    case 'section_opinions':
      return <OpinionsInput sections={f.options} testPrefix={id} />;
  }
}

const option = (o: FieldOption) => ({ value: o.value, label: o.label });

interface OpinionsValue {
  general: string;
  sections: { section: number; text: string }[];
}

/** 审核意见 on the whole text and on chosen sections. */
function OpinionsInput({
  value = { general: '', sections: [] },
  onChange,
  sections,
  testPrefix,
}: {
  value?: OpinionsValue;
  onChange?: (v: OpinionsValue) => void;
  sections: FieldOption[];
  testPrefix: string;
}) {
  const set = (v: Partial<OpinionsValue>) => onChange?.({ ...value, ...v });
  const setSection = (i: number, s: Partial<{ section: number; text: string }>) =>
    set({ sections: value.sections.map((x, j) => (j === i ? { ...x, ...s } : x)) });
  return (
    <div>
      <Input.TextArea
        value={value.general}
        onChange={(e) => set({ general: e.target.value })}
        placeholder="总体意见"
        autoSize={{ minRows: 2, maxRows: 6 }}
        maxLength={2000}
        data-testid={`${testPrefix}-general`}
        style={{ marginBottom: 8 }}
      />
      {value.sections.map((s, i) => (
        <Space key={i} align="start" style={{ display: 'flex', marginBottom: 8 }}>
          <Select
            style={{ width: 220 }}
            value={s.section}
            onChange={(section: number) => setSection(i, { section })}
            options={sections.map((o) => ({ value: o.value as number, label: o.label }))}
            data-testid={`${testPrefix}-section-${i}`}
          />
          <Input.TextArea
            value={s.text}
            onChange={(e) => setSection(i, { text: e.target.value })}
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={2000}
            placeholder="对这一章的意见"
            style={{ width: 380 }}
            data-testid={`${testPrefix}-text-${i}`}
          />
          <Button
            type="text"
            icon={<DeleteOutlined />}
            aria-label="删除"
            onClick={() => set({ sections: value.sections.filter((_, j) => j !== i) })}
          />
        </Space>
      ))}
      <Button
        type="dashed"
        icon={<PlusOutlined />}
        onClick={() => set({ sections: [...value.sections, { section: (sections[0]?.value as number) ?? 0, text: '' }] })}
        data-testid={`${testPrefix}-add`}
      >
        对某一章提意见
      </Button>
    </div>
  );
}
