// 导入台账: choose a spreadsheet, see what will come in (the mapping of its columns, the units it
// names that the directory lacks, every problem by sheet, row and column), change the mapping,
// import in one step. The preview is the import itself rolled back (the core's dry run).
import { FileExcelOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Collapse, Modal, Progress, Result, Select, Space, Table, Tabs, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { chooseLedgerFile, importLedger, importProgress, saveImportTemplate } from '../../api/assignment';
import { ledgerFieldLabels, optionsOf, stateLabels } from '../../api/labels';
import type { ImportProblem } from '../../api/types/ImportProblem';
import type { ImportProgress } from '../../api/types/ImportProgress';
import type { ImportReport } from '../../api/types/ImportReport';
import type { LedgerField } from '../../api/types/LedgerField';
import type { SheetMapping } from '../../api/types/SheetMapping';
import type { SheetReport } from '../../api/types/SheetReport';
import { cstDateTime } from '../../components/cst';
import { unitOptions, useDirectory } from '../../components/directory';

/** The choice for a column that fills no field: its text is kept in the item's content. */
const UNMAPPED = '';
const fieldOptions = [{ value: UNMAPPED, label: '不对应（记入事项内容）' }, ...optionsOf(ledgerFieldLabels)];

const problemColumns = [
  { title: '工作表', dataIndex: 'sheet', width: 100 },
  { title: '行', dataIndex: 'row', width: 60 },
  { title: '列', dataIndex: 'column', width: 120 },
  { title: '问题', dataIndex: 'message' },
];

export function ImportModal({ onClose }: { onClose: () => void }) {
  const { units } = useDirectory();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [path, setPath] = useState<string | null>(null);
  const [createMissing, setCreateMissing] = useState(false);
  const [skipBadRows, setSkipBadRows] = useState(false);
  const [mappings, setMappings] = useState<SheetMapping[]>([]);
  const [aliases, setAliases] = useState<Record<string, number>>({});
  const [done, setDone] = useState<ImportReport | null>(null);

  const options = (dryRun: boolean) => ({
    dry_run: dryRun,
    create_missing: createMissing,
    skip_bad_rows: skipBadRows,
    mappings,
    unit_aliases: Object.entries(aliases).map(([name, unit_id]) => ({ name, unit_id })),
  });
  const preview = useQuery({
    queryKey: ['ledger-import-preview', path, createMissing, skipBadRows, mappings, aliases],
    queryFn: () => importLedger(path as string, options(true)),
    enabled: path != null && done == null,
    retry: false,
    gcTime: 0,
    // The preview reads the file and rolls an import back: only when the file or a choice changes.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const run = useMutation({
    mutationFn: () => importLedger(path as string, options(false)),
    onSuccess: async (report) => {
      setDone(report);
      await queryClient.invalidateQueries({ queryKey: ['ledger'] });
      await queryClient.invalidateQueries({ queryKey: ['units'] });
      await queryClient.invalidateQueries({ queryKey: ['persons'] });
    },
    onError: (e) => message.error(e.message),
  });
  const choose = async () => {
    try {
      const chosen = await chooseLedgerFile();
      if (chosen) {
        setMappings([]);
        setAliases({});
        setPath(chosen);
      }
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const template = useMutation({
    mutationFn: saveImportTemplate,
    onSuccess: (r) => r && message.success(`导入模板已保存到 ${r.path}`),
    onError: (e) => message.error(e.message),
  });

  const remap = (sheet: SheetReport, index: number, field: LedgerField | null) => {
    const width = Math.max(0, ...sheet.columns.map((c) => c.index + 1));
    const fields: (LedgerField | null)[] = Array.from({ length: width }, () => null);
    for (const c of sheet.columns) fields[c.index] = c.index === index ? field : (c.field ?? null);
    setMappings((old) => [...old.filter((m) => m.sheet !== sheet.name), { sheet: sheet.name, fields }]);
  };

  const report = preview.data;
  const blocked = report != null && report.errors.length > 0 && !skipBadRows;
  const footer = done
    ? [<Button key="close" type="primary" onClick={onClose} data-testid="import-done">完成</Button>]
    : [
        <Button key="cancel" onClick={onClose}>取消</Button>,
        <Button
          key="run"
          type="primary"
          disabled={report == null || report.importable === 0 || blocked || preview.isFetching}
          loading={run.isPending}
          onClick={() => run.mutate()}
          data-testid="import-run"
        >
          {report ? `导入 ${report.importable} 件` : '导入'}
        </Button>,
      ];

  return (
    <Modal
      open
      title="导入台账"
      width={1000}
      onCancel={onClose}
      footer={footer}
      maskClosable={false}
      destroyOnHidden
      // The body scrolls, so 导入 stays in view however long the mapping and the problems are.
      styles={{ body: { maxHeight: 'calc(100vh - 220px)', overflowY: 'auto' } }}
    >
      {done ? (
        <div data-testid="import-result">
          <Result status="success" title={`已导入 ${done.imported} 件事项`} subTitle={summaryLine(done)} />
        </div>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Space wrap>
            <Button icon={<FileExcelOutlined />} onClick={() => void choose()} data-testid="import-choose">
              {path ? '重新选择文件' : '选择表格文件…'}
            </Button>
            <Button type="link" loading={template.isPending} onClick={() => template.mutate()}>
              下载导入模板
            </Button>
            {path && <Typography.Text type="secondary">{path}</Typography.Text>}
          </Space>
          {!path && (
            <Typography.Paragraph type="secondary">
              支持 Excel（.xlsx、.xlsm、.xls）和 CSV（UTF-8 或 GBK）。表头可以在第几行、可以占两行；标题行、填报单位行、空行和合计行会自动跳过。
              WPS 的 .et 文件请先另存为 .xlsx。
            </Typography.Paragraph>
          )}
          {report && (
            <Space>
              <Checkbox checked={createMissing} onChange={(e) => setCreateMissing(e.target.checked)} data-testid="import-create-missing">
                创建组织机构中没有的单位和人员
              </Checkbox>
              <Checkbox checked={skipBadRows} onChange={(e) => setSkipBadRows(e.target.checked)} data-testid="import-skip-bad">
                跳过有问题的行，只导入其余的
              </Checkbox>
            </Space>
          )}
          {(preview.isFetching || run.isPending) && <ImportProgressBar />}
          {preview.error && <Alert type="error" showIcon message={preview.error.message} data-testid="import-file-error" />}
          {report && !preview.isFetching && (
            <PreviewBody
              report={report}
              units={unitOptions(units)}
              aliases={aliases}
              onAlias={(name, id) =>
                setAliases((old) => {
                  const next = { ...old };
                  if (id == null) delete next[name];
                  else next[name] = id;
                  return next;
                })
              }
              onRemap={remap}
            />
          )}
        </Space>
      )}
    </Modal>
  );
}

/** The running import's step and share done, asked for four times a second while it is shown. It
 * never goes back: the backend clears its report when an import ends, before the window hears. */
function ImportProgressBar() {
  const furthest = useRef<ImportProgress | null>(null);
  const progress = useQuery({
    queryKey: ['ledger-import-progress'],
    queryFn: async () => {
      const next = await importProgress();
      if (next && (furthest.current == null || next.percent >= furthest.current.percent)) furthest.current = next;
      return furthest.current;
    },
    refetchInterval: 250,
    gcTime: 0,
  });
  const p = progress.data;
  return (
    <div data-testid="import-progress" data-percent={p?.percent ?? 0}>
      <Progress percent={p?.percent ?? 0} status="active" />
      <Typography.Text type="secondary" data-testid="import-progress-step">
        {p?.step ?? '正在读取文件……'}
      </Typography.Text>
    </div>
  );
}

function summaryLine(r: ImportReport) {
  const parts = [`其中已办结 ${r.closed} 件`];
  if (r.duplicates) parts.push(`台账中已有的 ${r.duplicates} 件未重复导入`);
  if (r.skipped_rows) parts.push(`跳过有问题的 ${r.skipped_rows} 行`);
  if (r.created.units.length) parts.push(`新建单位：${r.created.units.join('、')}`);
  if (r.created.people.length) parts.push(`新建人员：${r.created.people.join('、')}`);
  return parts.join('；');
}

function PreviewBody({
  report,
  units,
  aliases,
  onAlias,
  onRemap,
}: {
  report: ImportReport;
  units: { value: number; label: string }[];
  aliases: Record<string, number>;
  onAlias: (name: string, id: number | null) => void;
  onRemap: (sheet: SheetReport, index: number, field: LedgerField | null) => void;
}) {
  const found = report.sheets.filter((s) => s.found);
  const ignored = report.sheets.filter((s) => !s.found);
  const bad = useMemo(() => new Set(report.errors.map((e) => `${e.sheet}:${e.row}`)).size, [report.errors]);
  const summary =
    `可导入 ${report.importable} 件（已办结 ${report.closed} 件）` +
    (report.duplicates ? `，台账中已有 ${report.duplicates} 件` : '') +
    (report.errors.length ? `，${bad} 行有问题（共 ${report.errors.length} 处）` : '');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert
        type={report.errors.length ? 'warning' : 'success'}
        showIcon
        message={summary}
        description={
          report.errors.length && !report.importable
            ? '请按下方的问题修改表格后重新选择，或调整列的对应关系。'
            : [
                report.created.units.length ? `将新建单位：${report.created.units.join('、')}。` : '',
                report.created.people.length ? `将新建人员：${report.created.people.join('、')}。` : '',
                report.errors.length ? '有问题时不会导入任何事项，除非勾选“跳过有问题的行”。' : '',
              ].join('')
        }
        data-testid="import-summary"
      />
      <Tabs
        size="small"
        items={found.map((sheet) => ({
          key: sheet.name,
          label: `${sheet.name}（${sheet.rows} 行）`,
          children: (
            <Table
              size="small"
              rowKey="index"
              pagination={false}
              dataSource={sheet.columns}
              columns={[
                { title: '列', dataIndex: 'letter', width: 50 },
                { title: `表头（第 ${sheet.header_rows.join('、')} 行）`, dataIndex: 'header' },
                {
                  title: sheet.remembered ? '对应字段（沿用上次的选择）' : '对应字段',
                  width: 260,
                  render: (_, c) => (
                    <Select
                      size="small"
                      style={{ width: 240 }}
                      value={c.field ?? UNMAPPED}
                      options={fieldOptions}
                      showSearch
                      optionFilterProp="label"
                      onChange={(v: string) => onRemap(sheet, c.index, v === UNMAPPED ? null : (v as LedgerField))}
                      data-testid={`import-map-${sheet.name}-${c.letter}`}
                    />
                  ),
                },
              ]}
            />
          ),
        }))}
      />
      {ignored.length > 0 && (
        <Typography.Text type="secondary">
          工作表{ignored.map((s) => `“${s.name}”`).join('')}中没有找到台账表头，不导入。
        </Typography.Text>
      )}
      {report.unknown_units.length > 0 && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text strong>组织机构中没有的单位：对应到已有单位（下次自动对应），或勾选“创建”</Typography.Text>
          {report.unknown_units.map((name) => (
            <Space key={name}>
              <Typography.Text style={{ width: 200, display: 'inline-block' }}>{name}</Typography.Text>
              <Select
                size="small"
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder="对应到已有单位"
                style={{ width: 260 }}
                value={aliases[name]}
                options={units}
                onChange={(v?: number) => onAlias(name, v ?? null)}
              />
            </Space>
          ))}
        </Space>
      )}
      {report.errors.length > 0 && (
        <Table<ImportProblem>
          size="small"
          title={() => <Typography.Text type="danger">问题（{report.errors.length}）</Typography.Text>}
          rowKey={(p) => `${p.sheet}:${p.row}:${p.column}:${p.message}`}
          pagination={{ pageSize: 8, size: 'small' }}
          dataSource={report.errors}
          columns={problemColumns}
          data-testid="import-errors"
        />
      )}
      <Collapse
        size="small"
        items={[
          {
            key: 'rows',
            label: `将导入的事项（前 ${report.preview.length} 件）`,
            children: (
              <Table
                size="small"
                rowKey={(p) => `${p.sheet}:${p.row}`}
                pagination={{ pageSize: 8, size: 'small' }}
                dataSource={report.preview}
                columns={[
                  { title: '行', dataIndex: 'row', width: 50 },
                  { title: '编号', dataIndex: 'number', width: 130 },
                  { title: '标题', dataIndex: 'title', ellipsis: true },
                  { title: '牵头单位', dataIndex: 'lead_unit', width: 150 },
                  { title: '办理时限', dataIndex: 'deadline', width: 140, render: (d: string) => cstDateTime(d) },
                  { title: '状态', dataIndex: 'state', width: 80, render: (s: keyof typeof stateLabels) => stateLabels[s] },
                ]}
              />
            ),
          },
          ...(report.warnings.length
            ? [
                {
                  key: 'warnings',
                  label: `提示（${report.warnings.length}）：导入时按默认值填入或记入内容的`,
                  children: (
                    <Table<ImportProblem>
                      size="small"
                      rowKey={(p) => `${p.sheet}:${p.row}:${p.column}:${p.message}`}
                      pagination={{ pageSize: 8, size: 'small' }}
                      dataSource={report.warnings}
                      columns={problemColumns}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}
