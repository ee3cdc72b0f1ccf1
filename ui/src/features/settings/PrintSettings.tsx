import { FileTextOutlined, FormOutlined, TableOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, InputNumber, Progress, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { MAX_SAMPLE_ROWS, printFonts, printSample } from '../../api/print';
import type { FontInUse } from '../../api/types/FontInUse';
import type { PrintSampleKind } from '../../api/types/PrintSampleKind';
import { PdfPreview } from '../../components/PdfPreview';

/** The 6,763 hanzi of GB 2312, the set every office document is expected to print. */
const GB2312_HANZI = 6763;

const SAMPLES: { kind: PrintSampleKind; label: string; title: string; icon: React.ReactNode }[] = [
  { kind: 'document', label: '公文', title: '工作总结', icon: <FileTextOutlined /> },
  { kind: 'form', label: '表单', title: '督办通知单', icon: <FormOutlined /> },
  { kind: 'table', label: '台账', title: '交办事项台账', icon: <TableOutlined /> },
];

/** 设置 → 打印: the built-in samples in the print preview, and the fonts that print them. */
export function PrintSettings() {
  const [rowsDraft, setRowsDraft] = useState<number | null>(60);
  const [shown, setShown] = useState<{ kind: PrintSampleKind; rows: number } | null>(null);
  const sample = useQuery({
    queryKey: ['print-sample', shown],
    queryFn: () => printSample(shown!.kind, shown!.rows),
    enabled: shown !== null,
    staleTime: Infinity,
  });
  const fonts = useQuery({ queryKey: ['print-fonts'], queryFn: printFonts, staleTime: Infinity });
  const current = SAMPLES.find((s) => s.kind === shown?.kind);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card size="small" title="样张" data-testid="print-samples">
        <Typography.Paragraph type="secondary">
          按 GB/T 9704—2012 排版：A4 纸，版心 156 mm × 225 mm，每页 22 行、每行 28 字。打印前可在这里核对纸上的效果。
        </Typography.Paragraph>
        <Space wrap>
          {SAMPLES.map((s) => (
            <Button
              key={s.kind}
              icon={s.icon}
              type={shown?.kind === s.kind ? 'primary' : 'default'}
              onClick={() => setShown({ kind: s.kind, rows: rowsDraft ?? 60 })}
              data-testid={`print-sample-${s.kind}`}
            >
              {`${s.label}：${s.title}`}
            </Button>
          ))}
          <Space>
            台账行数
            <InputNumber
              min={1}
              max={MAX_SAMPLE_ROWS}
              precision={0}
              value={rowsDraft}
              onChange={setRowsDraft}
              style={{ width: 100 }}
              data-testid="print-rows"
            />
          </Space>
        </Space>
        {shown && current && (
          <div style={{ marginTop: 16 }}>
            <PdfPreview
              pdf={sample.data}
              error={sample.isError ? sample.error.message : null}
              fileName={shown.kind === 'table' ? `${current.title}样张（${shown.rows}行）` : `${current.title}样张`}
            />
          </div>
        )}
      </Card>
      <Card size="small" title="使用的字体" data-testid="print-fonts">
        {fonts.isError && <Alert type="error" showIcon title={fonts.error.message} />}
        <Table<FontInUse>
          rowKey="file"
          size="middle"
          loading={fonts.isPending}
          dataSource={fonts.data}
          pagination={false}
          data-testid="print-font-table"
          columns={[
            {
              title: '字体',
              dataIndex: 'name',
              render: (name: string, font) => (
                <Space>
                  {name}
                  {font.fallback && <Tag color="orange">后备</Tag>}
                </Space>
              ),
            },
            {
              title: '用途',
              dataIndex: 'roles',
              render: (roles: string[]) => roles.map((r) => <Tag key={r}>{r}</Tag>),
            },
            {
              title: '文件',
              dataIndex: 'file',
              render: (file: string, font) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text code>{file}</Typography.Text>
                  <Typography.Text type="secondary">{formatSize(font.file_bytes)}</Typography.Text>
                </Space>
              ),
            },
            {
              title: '许可',
              dataIndex: 'licence',
              render: (licence: string, font) => (
                <Space orientation="vertical" size={0}>
                  {licence}
                  <Typography.Text type="secondary">{font.licence_file}</Typography.Text>
                </Space>
              ),
            },
            { title: '字形数', dataIndex: 'glyphs', align: 'right', render: (n: number) => n.toLocaleString('zh-CN') },
            {
              title: '字符数',
              dataIndex: 'characters',
              align: 'right',
              render: (n: number) => n.toLocaleString('zh-CN'),
            },
            {
              title: 'GB 2312 汉字覆盖',
              dataIndex: 'gb2312_hanzi',
              width: 220,
              render: (n: number) => (
                <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                  <Progress
                    percent={Math.floor((n / GB2312_HANZI) * 1000) / 10}
                    size="small"
                    status={n === GB2312_HANZI ? 'success' : 'normal'}
                  />
                  <Typography.Text type="secondary">{`${n.toLocaleString('zh-CN')} / ${GB2312_HANZI.toLocaleString('zh-CN')} 字`}</Typography.Text>
                </Space>
              ),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          某个字在对应字体中没有时（如生僻的人名用字），改用后备字体打印；所有字体都没有的字会在打印前明确提示，不会印成方框。
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}
