// The editor of one summary: the sections on the left, the current section's heading, guidance,
// opinions, text and 指标表 in the middle, the substance checks, the review and the timeline on the
// right. Text autosaves (autosave.ts); each save runs the checks again and their findings are
// marked in the text.
import {
  ArrowLeftOutlined,
  DatabaseOutlined,
  DownOutlined,
  ExportOutlined,
  HistoryOutlined,
  NodeIndexOutlined,
  PrinterOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Dropdown, Result, Space, Spin, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { checkSummary, exportSummaryAs, exportSummaryDocxAs, insertSummaryLedgerFigures, saveSummaryIndicators, saveSummarySection, setSummaryLastOpen, summaryDetail } from '../../api/summary';
import { sectionRoleLabels, summaryStateColors, summaryStateLabels } from '../../api/labels';
import type { AvailableAction } from '../../api/types/AvailableAction';
import type { Finding } from '../../api/types/Finding';
import type { IndicatorInput } from '../../api/types/IndicatorInput';
import type { SectionSaved } from '../../api/types/SectionSaved';
import type { SummaryAction } from '../../api/types/SummaryAction';
import type { SummaryDetail } from '../../api/types/SummaryDetail';
import type { SummaryPaper } from '../../api/types/SummaryPaper';
import { cstDateTime } from '../../components/cst';
import { type Highlight, TextEditor } from '../../components/TextEditor';
import { type SaveStatus, useAutosave } from './autosave';
import { ChecksPanel } from './ChecksPanel';
import { FollowUpDrawer } from './FollowUpDrawer';
import { InfoModal } from './InfoModal';
import { IndicatorsTable } from './IndicatorsTable';
import { PaperModal } from './PaperModal';
import { PublicityModal } from './PublicityModal';
import { EventTimeline, OpinionLine, ReviewPanel } from './ReviewPanel';
import { ReviewModal } from './ReviewModals';
import { VersionsDrawer } from './VersionsDrawer';

/** The page's height: the window less the header (64 and its border) and the content's padding
 * (2 × 24), with a little room so that the window itself never scrolls. */
const PAGE_HEIGHT = 'calc(100vh - 120px)';

export function SummaryEditorPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const detail = useQuery({ queryKey: ['summary', id], queryFn: () => summaryDetail(id), enabled: id > 0 });
  // A restored version replaces the text: the editor starts again from the stored text.
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(async () => {
    await detail.refetch();
    setGeneration((g) => g + 1);
  }, [detail]);

  if (detail.isError) {
    return (
      <Result
        status="warning"
        title="无法打开这篇总结"
        subTitle={detail.error.message}
        extra={<Button onClick={() => navigate('/summaries')}>返回总结列表</Button>}
      />
    );
  }
  if (!detail.data) return <Spin description="正在打开……" style={{ marginTop: 80, width: '100%' }} />;
  return <Editor key={`${id}-${generation}`} detail={detail.data} reload={reload} />;
}

function statusText(status: SaveStatus, editable: boolean) {
  if (!editable) return <Typography.Text type="secondary">只读</Typography.Text>;
  switch (status.kind) {
    case 'saved':
      return <Typography.Text type="success">已保存{status.at ? ` ${status.at.slice(11, 19)}` : ''}</Typography.Text>;
    case 'pending':
    case 'saving':
      return <Typography.Text type="warning">保存中…</Typography.Text>;
    case 'error':
      return (
        <Tooltip title={status.message}>
          <Typography.Text type="danger">保存失败</Typography.Text>
        </Tooltip>
      );
  }
}

type Reveal = { from: number; to: number; n: number };

function Editor({ detail, reload }: { detail: SummaryDetail; reload: () => Promise<void> }) {
  const s = detail.summary;
  const id = s.id;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const sectionCount = detail.sections.length;
  const position = Math.min(Math.max(0, Number(params.get('section')) || 0), Math.max(0, sectionCount - 1));
  const section = detail.sections[position];
  const editable = detail.editable;

  // The writer's text, section by section; the store follows through autosave.
  const [texts, setTexts] = useState(() => detail.sections.map((x) => x.text));
  // The text each section had at its last save: the checks' places refer to it.
  const [saved, setSaved] = useState(() => detail.sections.map((x) => x.text));
  const [reveal, setReveal] = useState<Reveal | null>(null);
  const [step, setStep] = useState<AvailableAction<SummaryAction> | null>(null);
  const offered = (action: SummaryAction) => detail.available_actions.find((a) => a.action === action);
  const [paper, setPaper] = useState<SummaryPaper | null>(null);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [infoOpen, setInfoOpen] = useState(false);
  const [followUpOpen, setFollowUpOpen] = useState(false);
  const [publicityOpen, setPublicityOpen] = useState(false);
  const [tab, setTab] = useState<string>(s.state === 'submitted' ? 'review' : 'checks');

  const check = useQuery({ queryKey: ['summary-check', id], queryFn: () => checkSummary(id) });

  const save = useCallback((pos: number, text: string) => saveSummarySection(id, pos, text), [id]);
  const onSaved = useCallback(
    (pos: number, text: string, result: SectionSaved) => {
      setSaved((old) => old.map((t, i) => (i === pos ? text : t)));
      if (result.changed) {
        void queryClient.invalidateQueries({ queryKey: ['summary-check', id] });
        void queryClient.invalidateQueries({ queryKey: ['summary', id] });
      }
    },
    [id, queryClient],
  );
  const autosave = useAutosave(save, onSaved);

  // Remember the open draft and section now, so that a restart (even after a crash) reopens them.
  useEffect(() => {
    void setSummaryLastOpen({ summary_id: id, section: position }).catch(() => undefined);
  }, [id, position]);

  const goTo = (pos: number) => {
    void autosave.flush();
    setReveal(null);
    setParams({ section: String(pos) }, { replace: true });
  };

  const onChange = useCallback(
    (text: string) => {
      setTexts((old) => old.map((t, i) => (i === position ? text : t)));
      autosave.schedule(position, text);
    },
    [autosave, position],
  );

  const saveIndicators = useCallback(
    async (rows: IndicatorInput[]) => {
      const result = await saveSummaryIndicators(id, position, rows);
      void queryClient.invalidateQueries({ queryKey: ['summary-check', id] });
      void queryClient.invalidateQueries({ queryKey: ['summary', id] });
      return result;
    },
    [id, position, queryClient],
  );

  // 插入台账数据: the ledger's figures for the period go into this section's text, where the writer
  // can edit them, and the offices' targets with this period's results into the 指标表 (rows not
  // already there), so that no figure is typed twice. The core writes both at once; the editor then
  // starts again from the stored text.
  const [insertingFigures, setInsertingFigures] = useState(false);
  const insertLedgerFigures = async () => {
    setInsertingFigures(true);
    try {
      await autosave.flush();
      const inserted = await insertSummaryLedgerFigures(id, position);
      message.success(
        inserted.rows_added > 0
          ? `已插入台账数据，并在“${inserted.table_heading}”的指标表中添加 ${inserted.rows_added} 项`
          : '已插入台账数据',
      );
      await reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setInsertingFigures(false);
    }
  };

  // The findings of this section as marks in the text, once the check has seen the text on screen;
  // until then the marks already shown move along with the typing.
  const findingsHere = useMemo(
    () => (check.data?.findings ?? []).filter((f) => f.range?.section === position),
    [check.data, position],
  );
  const current = texts[position] ?? '';
  const upToDate = !check.isFetching && saved[position] === current;
  const highlights = useMemo<Highlight[] | undefined>(
    () =>
      upToDate
        ? findingsHere.map((f) => ({
            from: f.range!.section_start,
            to: f.range!.section_end,
            tooltip: `${f.message}（依据：${f.basis}）`,
            severity: f.severity,
          }))
        : undefined,
    [findingsHere, upToDate],
  );
  const findingCount = (pos: number) =>
    (check.data?.findings ?? []).filter((f) => f.range?.section === pos).length;

  const revealFinding = (f: Finding) => {
    if (!f.range) return;
    const target = f.range.section;
    if (target !== position) goTo(target);
    setReveal({ from: f.range.section_start, to: f.range.section_end, n: Date.now() });
  };

  const flushThen = (then: () => unknown) => {
    void autosave.flush().then(() => void then());
  };

  const round = s.returned_count + 1;
  const opinionsHere = section?.opinions ?? [];
  const lastReturnOpinions =
    s.state === 'returned'
      ? [...detail.general_opinions, ...detail.sections.flatMap((x) => x.opinions)].filter((o) => o.round === round - 1)
      : [];

  const actions = (
    <Space wrap size={6}>
      {editable && (
        <Button size="small" onClick={() => setInfoOpen(true)} data-testid="summary-info">
          基本信息
        </Button>
      )}
      <Button size="small" icon={<HistoryOutlined />} onClick={() => flushThen(() => setVersionsOpen(true))} data-testid="summary-versions">
        版本
      </Button>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'document', label: '总结正文', 'data-testid': 'print-document' } as never,
            { key: 'approval_sheet', label: '审批表', 'data-testid': 'print-approval' } as never,
            { key: 'publicity', label: '宣贯材料', 'data-testid': 'print-publicity' } as never,
          ],
          onClick: ({ key }) => flushThen(() => (key === 'publicity' ? setPublicityOpen(true) : setPaper(key as SummaryPaper))),
        }}
      >
        <Button size="small" icon={<PrinterOutlined />} data-testid="summary-print">
          打印 <DownOutlined />
        </Button>
      </Dropdown>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'docx', label: 'Word 文档（.docx）', 'data-testid': 'export-docx' } as never,
            { key: 'json', label: '总结文件（.json，可在其他电脑导入）', 'data-testid': 'export-json' } as never,
          ],
          onClick: ({ key }) =>
            flushThen(async () => {
              try {
                const path = await (key === 'docx' ? exportSummaryDocxAs(id, s.title) : exportSummaryAs(id, s.title));
                if (path) message.success(`已导出：${path}`);
              } catch (e) {
                message.error(e instanceof Error ? e.message : String(e));
              }
            }),
        }}
      >
        <Button size="small" icon={<ExportOutlined />} data-testid="summary-export">
          导出 <DownOutlined />
        </Button>
      </Dropdown>
      {editable && (
        <Button
          size="small"
          icon={<DatabaseOutlined />}
          loading={insertingFigures}
          onClick={() => void insertLedgerFigures()}
          data-testid="insert-ledger-figures"
        >
          插入台账数据
        </Button>
      )}
      <Button size="small" icon={<NodeIndexOutlined />} onClick={() => flushThen(() => setFollowUpOpen(true))} data-testid="summary-follow-up">
        成果应用
      </Button>
      {detail.available_actions.map((a) => (
        <Button
          key={a.action}
          size="small"
          type={a.primary ? 'primary' : 'default'}
          danger={a.danger}
          // Submitting saves what is waiting first.
          onClick={() => flushThen(() => setStep(a))}
          data-testid={`action-${a.action}`}
        >
          {a.label}
        </Button>
      ))}
    </Space>
  );

  return (
    <div style={{ height: PAGE_HEIGHT, display: 'flex', flexDirection: 'column', gap: 10 }} data-testid="summary-editor">
      <div
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 10,
          flexWrap: 'wrap',
          background: '#fff',
          padding: '8px 12px',
          borderRadius: 4,
        }}
      >
        <Button
          size="small"
          type="text"
          icon={<ArrowLeftOutlined />}
          onClick={() => flushThen(() => navigate('/summaries'))}
          aria-label="返回列表"
          data-testid="summary-back"
        />
        <Typography.Text strong ellipsis style={{ maxWidth: 360, fontSize: 16 }} data-testid="summary-title">
          {s.title}
        </Typography.Text>
        <Tag color={summaryStateColors[s.state]} data-testid="summary-state">
          {summaryStateLabels[s.state]}
        </Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {s.word_count} 字
        </Typography.Text>
        <span data-testid="save-status" data-status={editable ? autosave.status.kind : 'readonly'} style={{ fontSize: 12 }}>
          {statusText(autosave.status, editable)}
        </span>
        <div style={{ flex: 1 }} />
        {actions}
      </div>

      <div style={{ display: 'flex', gap: 10, flex: 1, minHeight: 0 }}>
        <nav
          style={{ width: 188, flex: 'none', overflow: 'auto', background: '#fff', borderRadius: 4, padding: '6px 0' }}
          data-testid="section-nav"
        >
          {detail.sections.map((x) => {
            const active = x.position === position;
            const marks = findingCount(x.position);
            return (
              <div
                key={x.position}
                role="button"
                tabIndex={0}
                onClick={() => goTo(x.position)}
                onKeyDown={(e) => e.key === 'Enter' && goTo(x.position)}
                data-testid={`section-nav-${x.position}`}
                style={{
                  padding: '6px 12px',
                  cursor: 'pointer',
                  background: active ? '#fff1f0' : undefined,
                  borderLeft: `3px solid ${active ? '#b7261f' : 'transparent'}`,
                }}
              >
                <div style={{ fontWeight: active ? 600 : 400, lineHeight: 1.4 }}>
                  {x.numeral}、{x.heading}
                </div>
                <Space size={4} style={{ fontSize: 12, color: '#8c8c8c' }}>
                  <span>{x.word_count ? `${x.word_count} 字` : '未写'}</span>
                  {marks > 0 && <Badge count={marks} color="#faad14" size="small" title="检查提示" />}
                  {x.opinions.length > 0 && (
                    <Badge count={`意见 ${x.opinions.length}`} color="#d4380d" size="small" />
                  )}
                </Space>
              </div>
            );
          })}
        </nav>

        <main
          style={{
            flex: 1,
            minWidth: 0,
            overflow: 'auto',
            background: '#fff',
            borderRadius: 4,
            padding: '12px 16px',
            display: 'flex',
            flexDirection: 'column',
            gap: 10,
          }}
        >
          {s.state === 'returned' && (
            <Alert
              type="error"
              showIcon
              title={`已退回重写（第 ${s.returned_count} 次），请按审核意见修改后再次提交`}
              description={
                lastReturnOpinions.length > 0 ? `本次共 ${lastReturnOpinions.length} 条意见，见各章和右侧“审核”` : undefined
              }
              data-testid="returned-banner"
            />
          )}
          {section && (
            <>
              <div>
                <Space align="baseline">
                  <Typography.Title level={4} style={{ margin: 0 }} data-testid="section-heading">
                    {section.numeral}、{section.heading}
                  </Typography.Title>
                  <Tag>{sectionRoleLabels[section.role]}</Tag>
                </Space>
                {section.guidance && (
                  <Typography.Paragraph
                    type="secondary"
                    style={{ margin: '4px 0 0', fontSize: 13 }}
                    ellipsis={{ rows: 2, expandable: 'collapsible', symbol: (open) => (open ? '收起' : '展开') }}
                    data-testid="section-guidance"
                  >
                    撰写说明：{section.guidance}
                  </Typography.Paragraph>
                )}
              </div>
              {opinionsHere.length > 0 && (
                <Alert
                  type="warning"
                  title="审核意见"
                  description={opinionsHere.map((o) => (
                    <OpinionLine key={o.id} o={o} />
                  ))}
                  data-testid="section-opinions"
                />
              )}
              {offered('opinion') && (
                <div>
                  <Button size="small" onClick={() => setStep(offered('opinion') ?? null)} data-testid="section-opinion">
                    对本章提意见
                  </Button>
                </div>
              )}
              <TextEditor
                key={position}
                text={current}
                onChange={onChange}
                onBlur={() => void autosave.flush()}
                highlights={highlights}
                reveal={reveal}
                readOnly={!editable}
                placeholder={editable ? '在此撰写正文，每段一行。写具体的数字、时间、对比，不写空话。' : '（本章未写）'}
                testId="section-editor"
                minHeight={section.role === 'targets_vs_results' ? 160 : 300}
              />
              {section.role === 'targets_vs_results' && (
                <IndicatorsTable
                  key={`ind-${position}`}
                  initial={section.indicators}
                  editable={editable}
                  onSave={saveIndicators}
                />
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                停止输入约 1 秒后自动保存；最后修改 {cstDateTime(s.updated_at)}
              </Typography.Text>
            </>
          )}
        </main>

        <aside
          style={{ width: 300, flex: 'none', overflow: 'auto', background: '#fff', borderRadius: 4, padding: '0 12px 12px' }}
        >
          <Tabs
            size="small"
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'checks',
                label: <span data-testid="tab-checks">检查</span>,
                children: (
                  <ChecksPanel
                    report={check.data}
                    loading={check.isFetching}
                    sections={detail.sections}
                    onReveal={revealFinding}
                  />
                ),
              },
              { key: 'review', label: <span data-testid="tab-review">审核</span>, children: <ReviewPanel detail={detail} /> },
              {
                key: 'events',
                label: <span data-testid="tab-events">记录</span>,
                children: <EventTimeline events={detail.events} />,
              },
            ]}
          />
        </aside>
      </div>

      {step && (
        <ReviewModal
          offered={step}
          detail={detail}
          section={position}
          onClose={() => setStep(null)}
          onDone={() => {
            setStep(null);
            void queryClient.invalidateQueries({ queryKey: ['summary-check', id] });
          }}
        />
      )}
      {paper && <PaperModal summary={s} paper={paper} onClose={() => setPaper(null)} />}
      {infoOpen && <InfoModal summary={s} onClose={() => setInfoOpen(false)} />}
      <FollowUpDrawer id={id} open={followUpOpen} onClose={() => setFollowUpOpen(false)} />
      {publicityOpen && <PublicityModal id={id} onClose={() => setPublicityOpen(false)} />}
      <VersionsDrawer
        id={id}
        editable={editable}
        open={versionsOpen}
        onClose={() => setVersionsOpen(false)}
        beforeSave={autosave.flush}
        onRestored={async () => {
          setVersionsOpen(false);
          await reload();
        }}
      />
    </div>
  );
}
