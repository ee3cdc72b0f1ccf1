import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, AutoComplete, Button, Card, Form, Input, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { listUnits } from '../../api/org';
import { getProfile, setProfile } from '../../api/system';
import type { ProfileInput } from '../../api/types/ProfileInput';
import { showApiError } from '../../components/formErrors';

const FIELDS = ['name', 'unit_name'] as const;

function ProfileFields({ submitLabel, initial }: { submitLabel: string; initial?: ProfileInput }) {
  const [form] = Form.useForm<ProfileInput>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const units = useQuery({ queryKey: ['units', 'active'], queryFn: () => listUnits({ include_inactive: false }) });
  const save = useMutation({
    mutationFn: setProfile,
    onSuccess: () => {
      message.success('个人信息已保存');
      return queryClient.invalidateQueries();
    },
    onError: (error) => showApiError(error, form, FIELDS, message.error),
  });

  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={(values) => save.mutate(values)}>
      <Form.Item name="name" label="您的姓名" rules={[{ required: true, whitespace: true, message: '请填写您的姓名' }]}>
        <Input data-testid="profile-name" maxLength={60} autoFocus />
      </Form.Item>
      <Form.Item
        name="unit_name"
        label="您所在的单位"
        extra="填写单位全称；组织机构中还没有的单位会自动添加。"
        rules={[{ required: true, whitespace: true, message: '请填写您所在的单位' }]}
      >
        <AutoComplete
          options={(units.data ?? []).map((u) => ({ value: u.name }))}
          filterOption={(input, option) => (option?.value ?? '').includes(input)}
        >
          <Input data-testid="profile-unit" maxLength={60} />
        </AutoComplete>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="profile-submit">
        {submitLabel}
      </Button>
    </Form>
  );
}

/** First start: who is using this PC. Later records name this person as the one who entered them. */
export function ProfileSetup() {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: '12vh' }}>
      <Card style={{ width: 440 }} data-testid="profile-setup">
        <Typography.Title level={3} style={{ color: '#b7261f' }}>
          欢迎使用落实
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          首次使用，请先填写您的姓名和单位。之后登记的每一条记录都会注明由您录入。
        </Typography.Paragraph>
        <ProfileFields submitLabel="开始使用" />
      </Card>
    </div>
  );
}

/** 设置 → 个人信息. */
export function ProfileEditor() {
  const profile = useQuery({ queryKey: ['profile'], queryFn: getProfile });
  if (!profile.data) return null;
  return (
    <div style={{ maxWidth: 440 }}>
      <ProfileFields
        submitLabel="保存"
        initial={{ name: profile.data.name, unit_name: profile.data.unit_name }}
      />
    </div>
  );
}
