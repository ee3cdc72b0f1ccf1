// 实质性检查 beside the editor: each rule's figure against its threshold (数据占比 32%/40% …), the
// indicators table's status, and every finding with its explanation and 依据; a finding with a
// place jumps to it in the editor.
import { CheckCircleFilled, CloseCircleFilled, WarningFilled } from '@ant-design/icons';
import { Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { indicatorsStatusLabels } from '../../api/labels';
import type { CheckReport } from '../../api/types/CheckReport';
import type { Finding } from '../../api/types/Finding';
import type { SummarySection } from '../../api/types/SummarySection';

export function RuleFigures({ report }: { report: Pick<CheckReport, 'checks' | 'indicators'> }) {
  return (
    <div data-testid="check-figures">
      {report.checks.map((c) => (
        <div
          key={c.rule}
          data-testid={`check-rule-${c.rule}`}
          data-passed={c.passed ? 'true' : 'false'}
          style={{ display: 'flex', gap: 6, alignItems: 'baseline', lineHeight: '24px' }}
        >
          {c.passed ? (
            <CheckCircleFilled style={{ color: '#389e0d' }} />
          ) : (
            <CloseCircleFilled style={{ color: '#d4380d' }} />
          )}
          <span>{c.summary}</span>
        </div>
      ))}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        指标表：{indicatorsStatusLabels[report.indicators]}
      </Typography.Text>
    </div>
  );
}

function where(f: Finding, sections: SummarySection[]) {
  if (!f.range) return '全文';
  const s = sections[f.range.section];
  return s ? `第${f.range.section + 1}章 ${s.heading}` : '';
}

export function ChecksPanel({
  report,
  loading,
  sections,
  onReveal,
}: {
  report?: CheckReport;
  loading: boolean;
  sections: SummarySection[];
  onReveal: (f: Finding) => void;
}) {
  if (!report) return loading ? <Spin /> : <Empty description="尚未检查" />;
  const links = report.problem_links;
  return (
    <div data-testid="checks-panel">
      <Space style={{ marginBottom: 6 }}>
        <Typography.Text strong>实质性检查</Typography.Text>
        {report.passed ? <Tag color="green">全部通过</Tag> : <Tag color="red">未通过</Tag>}
        {loading && <Spin size="small" />}
      </Space>
      <RuleFigures report={report} />
      {links.length > 0 && (
        <div style={{ fontSize: 12, color: '#666', marginTop: 4 }}>
          问题 {links.length} 个：有原因 {links.filter((l) => l.cause).length} 个，有对应措施{' '}
          {links.filter((l) => l.measure).length} 个
        </div>
      )}
      <List
        size="small"
        style={{ marginTop: 8 }}
        dataSource={report.findings}
        locale={{ emptyText: '没有需要修改的地方' }}
        renderItem={(f, i) => (
          <List.Item
            key={i}
            data-testid={`finding-${f.rule}`}
            style={{ display: 'block', cursor: f.range ? 'pointer' : 'default', padding: '6px 4px' }}
            onClick={() => f.range && onReveal(f)}
          >
            <div>
              {f.severity === 'error' ? (
                <CloseCircleFilled style={{ color: '#d4380d', marginRight: 6 }} />
              ) : (
                <WarningFilled style={{ color: '#d48806', marginRight: 6 }} />
              )}
              {f.message}
            </div>
            {f.source && (
              <div style={{ fontSize: 12, color: '#666' }}>
                与{f.source.kind === 'guidance' ? '模板撰写说明' : '以往总结'}“{f.source.name}”重合{' '}
                {Math.round(f.source.overlap * 100)}%
              </div>
            )}
            <div style={{ fontSize: 12, color: '#8c8c8c' }}>
              {where(f, sections)} · 依据：{f.basis}
            </div>
          </List.Item>
        )}
      />
    </div>
  );
}
