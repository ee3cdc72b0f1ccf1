// 指标表 of a targets-vs-results section: 指标, 单位, 目标值, 实际值 and 说明 as typed; 差距 and whether
// the target is met come from the core after each save and are shown read-only.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Table, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError } from '../../api/invoke';
import type { Indicator } from '../../api/types/Indicator';
import type { IndicatorInput } from '../../api/types/IndicatorInput';
import { gapsOf } from './text';

type Cell = keyof IndicatorInput;
type Row = IndicatorInput & { key: number };

const EMPTY: IndicatorInput = { indicator: '', unit: '', target: '', actual: '', note: '' };
const SAVE_DELAY_MS = 800;

export function IndicatorsTable({
  initial,
  editable,
  onSave,
}: {
  initial: Indicator[];
  editable: boolean;
  /** Saves the rows; resolves with the rows and their gaps as the core computed them. */
  onSave: (rows: IndicatorInput[]) => Promise<Indicator[]>;
}) {
  const [rows, setRows] = useState<Row[]>(() =>
    initial.map((r, i) => ({ key: i, indicator: r.indicator, unit: r.unit, target: r.target, actual: r.actual, note: r.note })),
  );
  const [dirty, setDirty] = useState(false);
  const [computed, setComputed] = useState<Indicator[]>(initial);
  const [error, setError] = useState<{ row: number | null; cell: string | null; message: string } | null>(null);
  const saveRef = useRef(onSave);
  const latest = useRef({ rows, dirty });
  useEffect(() => {
    saveRef.current = onSave;
  }, [onSave]);
  useEffect(() => {
    latest.current = { rows, dirty };
  }, [rows, dirty]);

  const send = useCallback((list: Row[]) => {
    saveRef
      .current(list.map(({ indicator, unit, target, actual, note }) => ({ indicator, unit, target, actual, note })))
      .then((result) => {
        setComputed(result);
        setError(null);
      })
      .catch((e: unknown) => {
        const err = toApiError(e);
        const m = /\[(\d+)\]\.(\w+)/.exec(err.field ?? '');
        setError({ row: m ? Number(m[1]) : null, cell: m ? m[2] : null, message: err.message });
      });
  }, []);

  // Saved a moment after the last change …
  useEffect(() => {
    if (!dirty) return;
    const timer = window.setTimeout(() => {
      setDirty(false);
      send(rows);
    }, SAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [rows, dirty, send]);
  // … and when the writer leaves the section.
  useEffect(
    () => () => {
      if (latest.current.dirty) send(latest.current.rows);
    },
    [send],
  );

  const saveNow = () => {
    if (!dirty) return;
    setDirty(false);
    send(rows);
  };
  const change = (next: Row[]) => {
    setRows(next);
    setDirty(true);
  };
  const edit = (index: number, cell: Cell, value: string) =>
    change(rows.map((r, i) => (i === index ? { ...r, [cell]: value } : r)));

  const gaps = gapsOf(rows, computed);
  const input = (cell: Cell, placeholder: string) => ({
    render: (_: unknown, row: Row, index: number) => (
      <Input
        size="small"
        variant="borderless"
        value={row[cell]}
        placeholder={placeholder}
        disabled={!editable}
        status={error?.row === index && error.cell === cell ? 'error' : undefined}
        onChange={(e) => edit(index, cell, e.target.value)}
        onBlur={saveNow}
        data-testid={`indicator-${index}-${cell}`}
      />
    ),
  });

  return (
    <div data-testid="indicators">
      <Typography.Text strong>指标表</Typography.Text>
      <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
        目标值可写 ≥95%、&lt;5%、不超过3天；差距由程序计算
      </Typography.Text>
      <Table<Row>
        size="small"
        bordered
        style={{ marginTop: 6 }}
        rowKey="key"
        pagination={false}
        scroll={{ x: 680 }}
        dataSource={rows}
        locale={{ emptyText: '还没有指标，点“添加指标”' }}
        columns={[
          { title: '指标', width: 170, ...input('indicator', '如 按时办结率') },
          { title: '单位', width: 64, ...input('unit', '%') },
          { title: '目标值', width: 88, ...input('target', '≥95%') },
          { title: '实际值', width: 88, ...input('actual', '98.6%') },
          {
            title: '差距',
            width: 104,
            render: (_, _row, index) => {
              const g = gaps[index];
              if (!g) return null;
              const color = g.met === true ? '#389e0d' : g.met === false ? '#d4380d' : undefined;
              return (
                <Tooltip title={g.met === true ? '已达标' : g.met === false ? '未达标' : '目标值或实际值不是数字，无法计算'}>
                  <span style={{ color }} data-testid={`indicator-${index}-gap`}>
                    {g.gap || '—'}
                  </span>
                </Tooltip>
              );
            },
          },
          { title: '说明', width: 150, ...input('note', '') },
          {
            title: '',
            width: 36,
            render: (_, _row, index) =>
              editable && (
                <Button
                  size="small"
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label="删除"
                  onClick={() => change(rows.filter((_r, i) => i !== index))}
                />
              ),
          },
        ]}
      />
      {editable && (
        <Button
          size="small"
          type="dashed"
          icon={<PlusOutlined />}
          style={{ marginTop: 6 }}
          onClick={() => change([...rows, { ...EMPTY, key: Math.max(0, ...rows.map((r) => r.key)) + 1 }])}
          data-testid="indicator-add"
        >
          添加指标
        </Button>
      )}
      {error && <Alert type="error" showIcon style={{ marginTop: 6 }} title={error.message} />}
    </div>
  );
}
