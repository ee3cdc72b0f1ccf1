// A form field that picks one of a coded enum's values by its Chinese label, shown as buttons
// (紧急程度, 密级 …): the labels come from the core through api/labels.
import { Form, Radio } from 'antd';
import { optionsOf } from '../api/labels';

export function ChoiceField<K extends string>({
  name,
  label,
  labels,
  extra,
}: {
  name: string;
  label: string;
  labels: Record<K, string>;
  extra?: string;
}) {
  return (
    <Form.Item name={name} label={label} extra={extra}>
      <Radio.Group options={optionsOf(labels)} optionType="button" />
    </Form.Item>
  );
}
