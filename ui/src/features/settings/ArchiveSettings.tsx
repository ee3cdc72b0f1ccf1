// 设置 → 归档: 全宗号 and 全宗名称, the classing scheme (fixed once a 件 is filed), the office's own
// 机构(问题) code and those of its departments (the pinyin initials unless typed), the default
// retentions and the box size.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Spin, Table, Typography } from 'antd';
import { getArchiveSetup, saveArchiveSettings } from '../../api/archive';
import { archiveSchemeLabels, optionsOf, retentionLabels } from '../../api/labels';
import type { ArchiveOrgCode } from '../../api/types/ArchiveOrgCode';
import type { ArchiveSettings as Settings } from '../../api/types/ArchiveSettings';
import { showApiError } from '../../components/formErrors';

const FIELDS = ['fonds_code', 'fonds_name', 'scheme', 'office_code', 'item_retention', 'summary_retention', 'box_capacity'] as const;
type FormValue = Omit<Settings, 'unit_codes'> & { codes: Record<string, string> };

export function ArchiveSettings() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<FormValue>();
  const setup = useQuery({ queryKey: ['archive-setup'], queryFn: getArchiveSetup });
  if (!setup.data) return <Spin />;
  const { settings, org_codes: orgCodes, files, office_code: officeCode } = setup.data;
  const initial: FormValue = { ...settings, codes: Object.fromEntries(orgCodes.map((c) => [String(c.unit_id), c.code])) };
  const onFinish = async ({ codes, ...value }: FormValue) => {
    // A code is kept as typed when it was typed before or differs from the one derived from the name.
    const unit_codes = orgCodes
      .filter((c) => !c.derived || codes[String(c.unit_id)] !== c.code)
      .map((c) => ({ unit_id: c.unit_id, code: codes[String(c.unit_id)] ?? '' }));
    try {
      await saveArchiveSettings({ ...value, unit_codes });
      message.success('已保存归档设置');
      await client.invalidateQueries({ queryKey: ['archive-setup'] });
    } catch (error) {
      showApiError(error, form, FIELDS, message.error);
    }
  };
  return (
    <Card size="small" title="归档（DA/T 22-2015）">
      <Form form={form} layout="vertical" initialValues={initial} onFinish={onFinish}>
        <Space size="large" wrap>
          <Form.Item name="fonds_code" label="全宗号" rules={[{ required: true, message: '请填写全宗号，如 Z109' }]}>
            <Input style={{ width: 140 }} maxLength={12} data-testid="archive-fonds-code" />
          </Form.Item>
          <Form.Item name="fonds_name" label="全宗名称">
            <Input style={{ width: 320 }} maxLength={100} data-testid="archive-fonds-name" />
          </Form.Item>
          <Form.Item name="office_code" label="本部门机构(问题)代码" extra={`留空则为 ${officeCode}；外单位牵头的事项归入本部门`}>
            <Input style={{ width: 140 }} maxLength={12} placeholder={officeCode} />
          </Form.Item>
        </Space>
        <Space size="large" wrap>
          <Form.Item name="scheme" label="分类方案" extra={files > 0 ? `已有 ${files} 件归档，不能再改` : undefined}>
            <Select style={{ width: 260 }} disabled={files > 0} options={optionsOf(archiveSchemeLabels)} />
          </Form.Item>
          <Form.Item name="item_retention" label="交办事项默认保管期限">
            <Select style={{ width: 140 }} options={optionsOf(retentionLabels)} />
          </Form.Item>
          <Form.Item name="summary_retention" label="总结默认保管期限">
            <Select style={{ width: 140 }} options={optionsOf(retentionLabels)} />
          </Form.Item>
          <Form.Item name="box_capacity" label="每盒件数">
            <InputNumber min={1} max={500} precision={0} />
          </Form.Item>
        </Space>
        <Typography.Paragraph type="secondary">内设机构的机构(问题)代码，默认取名称的拼音首字母，可以改：</Typography.Paragraph>
        <Table<ArchiveOrgCode>
          size="small"
          rowKey="unit_id"
          pagination={false}
          dataSource={orgCodes}
          style={{ maxWidth: 520, marginBottom: 16 }}
          columns={[
            { title: '内设机构', dataIndex: 'unit_name' },
            {
              title: '代码',
              width: 160,
              render: (_, c) => (
                <Form.Item name={['codes', String(c.unit_id)]} noStyle>
                  <Input maxLength={12} />
                </Form.Item>
              ),
            },
          ]}
        />
        <Button type="primary" htmlType="submit" data-testid="archive-settings-save">
          保存
        </Button>
      </Form>
    </Card>
  );
}
