// A paper whose texts the core drafts and the clerk edits before printing (通报, 宣贯材料): the texts
// on the left, the preview of what prints (and what 导出 Word writes) on the right, refreshed when
// asked. A new draft from the core replaces the edits.
import { Button, Col, DatePicker, Form, Input, Row, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import type { ReportPaper } from '../api/types/ReportPaper';
import { ReportPreview } from './ReportPreview';

export interface DraftField<K extends string> {
  name: K;
  label: string;
  long: boolean;
}

export function DraftPaper<K extends string, D extends Record<K, string> & { title: string; date: string }>({
  draft,
  fields,
  testPrefix,
  note,
  header,
  paper,
}: {
  draft: D | undefined;
  fields: DraftField<K>[];
  /** Test ids: `<prefix>-<field>`, `<prefix>-date`, `<prefix>-refresh`. */
  testPrefix: string;
  /** What the texts are made of, above them. */
  note: string;
  /** Above the texts (a period picker, a loading state). */
  header?: ReactNode;
  paper: (shown: D) => ReportPaper;
}) {
  // The texts as edited, and what the preview shows; a new draft replaces both.
  const [edited, setEdited] = useState<D | null>(null);
  const [shown, setShown] = useState<D | null>(null);
  const [taken, setTaken] = useState<D | undefined>(undefined);
  if (draft !== taken) {
    setTaken(draft);
    setEdited(draft ?? null);
    setShown(draft ?? null);
  }
  const set = (patch: Partial<D>) => setEdited((d) => (d ? { ...d, ...patch } : d));
  const stale = edited !== shown;
  return (
    <Row gutter={16}>
      <Col span={10} style={{ maxHeight: 'calc(100vh - 220px)', overflowY: 'auto' }}>
        {header}
        {edited && (
          <Form layout="vertical" size="small">
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {note}
            </Typography.Paragraph>
            {fields.map((f) => (
              <Form.Item key={f.name} label={f.label} style={{ marginBottom: 10 }}>
                {f.long ? (
                  <Input.TextArea
                    value={edited[f.name]}
                    autoSize={{ minRows: 2, maxRows: 12 }}
                    onChange={(e) => set({ [f.name]: e.target.value } as Partial<D>)}
                    data-testid={`${testPrefix}-${f.name}`}
                  />
                ) : (
                  <Input
                    value={edited[f.name]}
                    onChange={(e) => set({ [f.name]: e.target.value } as Partial<D>)}
                    data-testid={`${testPrefix}-${f.name}`}
                  />
                )}
              </Form.Item>
            ))}
            <Form.Item label="成文日期" style={{ marginBottom: 10 }}>
              <DatePicker
                value={dayjs(edited.date)}
                allowClear={false}
                onChange={(d) => d && set({ date: d.format('YYYY-MM-DD') } as Partial<D>)}
                data-testid={`${testPrefix}-date`}
              />
            </Form.Item>
            <Space>
              <Button type="primary" disabled={!stale} onClick={() => setShown(edited)} data-testid={`${testPrefix}-refresh`}>
                更新预览
              </Button>
              <Button disabled={!stale} onClick={() => setEdited(shown)}>
                撤销修改
              </Button>
              {stale && <Typography.Text type="warning">文字已修改，预览尚未更新</Typography.Text>}
            </Space>
          </Form>
        )}
      </Col>
      <Col span={14}>
        {shown && <ReportPreview paper={paper(shown)} fileName={shown.title} height="calc(100vh - 280px)" initialZoom={0.75} />}
      </Col>
    </Row>
  );
}
