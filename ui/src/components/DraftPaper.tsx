// A paper whose texts the core drafts and the clerk edits before printing (通报, 宣贯材料): the texts
// on the left, the preview of what prints (and what 导出 Word writes) on the right, refreshed when
// asked. A new draft from the core replaces the edits. With `keep`, edits are kept by the core a
// moment after typing pauses, when the paper closes and before the window closes, and 恢复自动生成
// brings the core's own draft back.
import { Button, Col, DatePicker, Form, Input, Popconfirm, Row, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { ReportPaper } from '../api/types/ReportPaper';
import { registerBeforeClose } from '../app/beforeClose';
import { ReportPreview } from './ReportPreview';

/** The pause after the last keystroke before the edits are kept. */
const KEEP_DELAY_MS = 1200;

export interface DraftKeeping<D> {
  save: (draft: D) => Promise<D>;
  /** Forgets the kept edits; the owner then passes the core's new draft in. */
  discard: () => Promise<unknown>;
}

type Kept = { kind: 'kept'; at: string | null } | { kind: 'saving' } | { kind: 'error'; message: string };

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
  keep,
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
  /** Keeps the edits between sessions (the core's saved draft). */
  keep?: DraftKeeping<D>;
}) {
  // The texts as edited, and what the preview shows; a new draft replaces both.
  const [edited, setEdited] = useState<D | null>(null);
  const [shown, setShown] = useState<D | null>(null);
  const [taken, setTaken] = useState<D | undefined>(undefined);
  const [kept, setKept] = useState<Kept>({ kind: 'kept', at: null });
  // The texts last kept (or taken from the core), and the latest edits, for saving after a pause,
  // on closing the paper and before the window closes; saves run one after another.
  const keptText = useRef<D | null>(null);
  const latest = useRef<D | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  if (draft !== taken) {
    setTaken(draft);
    setEdited(draft ?? null);
    setShown(draft ?? null);
    setKept({ kind: 'kept', at: (draft as { saved_at?: string } | undefined)?.saved_at ?? null });
  }
  const keepNow = (): Promise<void> => {
    // The text as it is now: a save asked for as the paper closes or changes period keeps that.
    const text = latest.current;
    chain.current = chain.current.then(async () => {
      if (!keep || text == null || text === keptText.current) return;
      setKept({ kind: 'saving' });
      try {
        const saved = await keep.save(text);
        keptText.current = text;
        setKept({ kind: 'kept', at: (saved as { saved_at?: string }).saved_at ?? null });
      } catch (e) {
        setKept({ kind: 'error', message: (e as Error).message });
      }
    });
    return chain.current;
  };
  // First: a new draft from the core is what is kept, so taking it is not an edit to save.
  useEffect(() => {
    keptText.current = draft ?? null;
  }, [draft]);
  useEffect(() => {
    latest.current = edited;
    if (keptText.current == null || !edited || edited === keptText.current) return;
    const timer = window.setTimeout(() => void keepNow(), KEEP_DELAY_MS);
    return () => window.clearTimeout(timer);
    // keepNow reads refs only; the timer is rearmed by each edit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [edited]);
  useEffect(() => {
    if (!keep) return;
    const unregister = registerBeforeClose(async () => {
      await keepNow();
      return null;
    });
    return () => {
      unregister();
      void keepNow();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [keep]);
  // The owner fetches the draft again after discarding, and the new draft replaces the edits.
  const discard = async () => {
    try {
      await keep?.discard();
    } catch (e) {
      setKept({ kind: 'error', message: (e as Error).message });
    }
  };
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
            {keep && (
              <Space style={{ marginTop: 8 }} data-testid={`${testPrefix}-kept`} data-state={kept.kind}>
                <Typography.Text type={kept.kind === 'error' ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                  {kept.kind === 'saving'
                    ? '正在保存草稿……'
                    : kept.kind === 'error'
                      ? `草稿未能保存：${kept.message}`
                      : kept.at
                        ? `草稿已保存（${dayjs(kept.at).format('MM-DD HH:mm')}），下次打开仍在`
                        : '修改会自动保存为草稿'}
                </Typography.Text>
                {kept.kind === 'kept' && kept.at && (
                  <Popconfirm title="放弃修改，按台账重新生成全部文字？" okText="重新生成" cancelText="取消" onConfirm={() => void discard()}>
                    <Button size="small" type="link" data-testid={`${testPrefix}-discard`}>
                      恢复自动生成的文字
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            )}
          </Form>
        )}
      </Col>
      <Col span={14}>
        {shown && <ReportPreview paper={paper(shown)} fileName={shown.title} height="calc(100vh - 280px)" initialZoom={0.75} />}
      </Col>
    </Row>
  );
}
