// The ledger's filters: text search, state, light, category, source, lead unit, urgency, period
// and tags. Every change goes straight into the query; the search waits for a pause in typing.
import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Input, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { assignmentTags } from '../../api/assignment';
import {
  categoryLabels,
  lightLabels,
  optionsOf,
  sourceLabels,
  stateLabels,
  urgencyLabels,
} from '../../api/labels';
import type { Unit } from '../../api/types/Unit';
import { unitOptions } from '../../components/directory';
import type { LedgerFilter } from './LedgerTable';

/** No filter, on the open work: finished items are one click away (范围 全部 or 已办结). */
export const EMPTY_FILTER: LedgerFilter = {
  scope: 'open',
  states: [],
  lights: [],
  categories: [],
  sources: [],
  lead_unit_ids: [],
  urgencies: [],
  tags: [],
  include_sub_items: false,
};

const SEARCH_PAUSE_MS = 300;

export function LedgerFilters({
  filter,
  units,
  onChange,
}: {
  filter: LedgerFilter;
  units: Unit[];
  onChange: (filter: LedgerFilter) => void;
}) {
  const [text, setText] = useState(filter.text ?? '');
  const tags = useQuery({ queryKey: ['assignment-tags'], queryFn: assignmentTags });
  useEffect(() => {
    const typed = text.trim() || undefined;
    if (typed === filter.text) return;
    const timer = setTimeout(() => onChange({ ...filter, text: typed }), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, filter, onChange]);

  const multi = <K extends keyof LedgerFilter>(key: K, placeholder: string, options: { value: unknown; label: string }[], width = 130) => (
    <Select
      mode="multiple"
      allowClear
      maxTagCount="responsive"
      placeholder={placeholder}
      options={options as { value: string; label: string }[]}
      value={filter[key] as string[]}
      onChange={(value) => onChange({ ...filter, [key]: value })}
      style={{ width }}
      data-testid={`filter-${key}`}
      showSearch={{ optionFilterProp: 'label' }}
    />
  );

  return (
    <Space wrap size={[8, 8]}>
      {/* A plain input: the search runs as the typing pauses, and WebKit would add its own clear
          button to a type="search" field beside antd's. */}
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder="搜索编号、标题、内容"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onPressEnter={() => onChange({ ...filter, text: text.trim() || undefined })}
        style={{ width: 220 }}
        data-testid="ledger-search"
      />
      {multi('states', '状态', optionsOf(stateLabels), 120)}
      {multi('lights', '灯色', optionsOf(lightLabels), 120)}
      {multi('categories', '类别', optionsOf(categoryLabels))}
      {multi('sources', '来源', optionsOf(sourceLabels))}
      {multi('lead_unit_ids', '牵头单位', unitOptions(units), 150)}
      {multi('urgencies', '紧急程度', optionsOf(urgencyLabels), 110)}
      {multi('tags', '标签', (tags.data ?? []).map((t) => ({ value: t, label: t })), 120)}
      <DatePicker.RangePicker
        placeholder={['交办时间起', '止']}
        value={[
          filter.assigned_from ? dayjs(filter.assigned_from) : null,
          filter.assigned_to ? dayjs(filter.assigned_to) : null,
        ]}
        allowEmpty={[true, true]}
        onChange={(range) =>
          onChange({
            ...filter,
            assigned_from: range?.[0]?.format('YYYY-MM-DD'),
            assigned_to: range?.[1]?.format('YYYY-MM-DD'),
          })
        }
        style={{ width: 250 }}
        data-testid="filter-period"
      />
      <Select
        value={filter.include_sub_items}
        onChange={(include_sub_items) => onChange({ ...filter, include_sub_items })}
        options={[
          { value: false, label: '只列主事项' },
          { value: true, label: '含分解事项' },
        ]}
        style={{ width: 120 }}
      />
      <Button
        onClick={() => {
          setText('');
          onChange({ ...EMPTY_FILTER, scope: filter.scope });
        }}
        data-testid="filter-reset"
      >
        清空筛选
      </Button>
    </Space>
  );
}
