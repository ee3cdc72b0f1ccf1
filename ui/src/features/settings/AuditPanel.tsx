import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Input, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { listAudit, verifyAudit } from '../../api/audit';
import { auditObjectLabels, optionsOf } from '../../api/labels';
import type { AuditFilter } from '../../api/types/AuditFilter';
import type { AuditObject } from '../../api/types/AuditObject';
import type { AuditRecord } from '../../api/types/AuditRecord';
import { cstDateTime } from '../../components/cst';

/** 设置 → 审计日志: the hash-chained records, by object and date, and 校验. */
export function AuditPanel() {
  const [kind, setKind] = useState<AuditObject | undefined>();
  const [id, setId] = useState('');
  const [days, setDays] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const filter: AuditFilter = {
    object_kind: kind,
    object_id: kind && id.trim() ? id.trim() : undefined,
    from: days?.[0]?.format('YYYY-MM-DD'),
    to: days?.[1]?.format('YYYY-MM-DD'),
    limit: 500,
  };
  const records = useQuery({ queryKey: ['audit', filter], queryFn: () => listAudit(filter) });
  const verify = useMutation({ mutationFn: verifyAudit });
  const report = verify.data;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="audit-panel">
      <Card size="small" title="校验">
        <Typography.Paragraph type="secondary">
          每次改动数据都会在同一事务中追加一条审计记录，每条记录带有前一条的哈希。校验会逐条重算哈希，并把现有数据与审计记录核对，能发现事后被改动、删除或插入的记录。
        </Typography.Paragraph>
        <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="audit-verify">
          校验
        </Button>
        {verify.isError && <Alert style={{ marginTop: 12 }} type="error" showIcon title={verify.error.message} />}
        {report?.ok && (
          <Alert style={{ marginTop: 12 }} type="success" showIcon title={`完整：共 ${report.records} 条记录，链条与数据一致`} data-testid="audit-result" />
        )}
        {report && !report.ok && (
          <Alert
            style={{ marginTop: 12 }}
            type="error"
            showIcon
            data-testid="audit-result"
            title={report.first_broken === null ? '审计日志不完整' : `审计日志不完整：第 ${report.first_broken} 号记录起有问题`}
            description={report.problems.map((p) => p.message).join('；')}
          />
        )}
      </Card>
      <Card size="small" title="审计记录">
        <Space wrap style={{ marginBottom: 12 }}>
          <Select<AuditObject>
            allowClear
            placeholder="对象"
            style={{ width: 160 }}
            options={optionsOf(auditObjectLabels)}
            value={kind}
            onChange={setKind}
            data-testid="audit-object-kind"
          />
          <Input placeholder="编号" style={{ width: 100 }} value={id} disabled={!kind} onChange={(e) => setId(e.target.value)} />
          <DatePicker.RangePicker value={days} onChange={(v) => setDays(v)} />
        </Space>
        {records.isError && <Alert type="error" showIcon title={records.error.message} />}
        <Table<AuditRecord>
          rowKey="seq"
          size="small"
          loading={records.isPending}
          dataSource={records.data}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="audit-table"
          columns={[
            { title: '序号', dataIndex: 'seq', width: 70 },
            { title: '时间', dataIndex: 'at', width: 140, render: (t: string) => cstDateTime(t) },
            { title: '操作人', dataIndex: 'actor', width: 90 },
            { title: '操作', dataIndex: 'action_label', width: 110 },
            { title: '对象', key: 'object', width: 150, render: (_: unknown, r: AuditRecord) => `${r.object_label} ${r.object_id}` },
            { title: '变化', key: 'change', ellipsis: true, dataIndex: 'change' },
          ]}
        />
      </Card>
    </Space>
  );
}
