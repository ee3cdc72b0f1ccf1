// Shown instead of the app while an encrypted data folder is locked: the password, or the recovery
// key with a new password when the password is forgotten.
import { LockOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Result, Segmented } from 'antd';
import { useState } from 'react';
import { changePassword, unlockData } from '../../api/encryption';
import { NewPasswordFields } from './EncryptionCard';

/** The code of a data folder that is encrypted and not yet unlocked. */
export const LOCKED_CODE = 'database_locked';

export function UnlockPage() {
  const queryClient = useQueryClient();
  const [by, setBy] = useState<'password' | 'recovery'>('password');
  const [form] = Form.useForm<{ secret: string; password?: string }>();
  const unlock = useMutation({
    mutationFn: async (v: { secret: string; password?: string }) => {
      const secret = by === 'password' ? { kind: 'password' as const, value: v.secret } : { kind: 'recovery_key' as const, value: v.secret };
      await unlockData(secret);
      if (by === 'recovery' && v.password) await changePassword(secret, v.password);
    },
    // Everything the window asked before was refused as locked.
    onSuccess: () => void queryClient.invalidateQueries(),
  });
  return (
    <div style={{ maxWidth: 520, margin: '48px auto' }} data-testid="unlock-page">
      <Result icon={<LockOutlined />} title="数据已加密" subTitle="请输入密码打开落实的数据。" />
      <Card size="small">
        <Segmented<'password' | 'recovery'>
          block
          value={by}
          onChange={(v) => {
            setBy(v);
            unlock.reset();
          }}
          options={[
            { value: 'password', label: '用密码' },
            { value: 'recovery', label: <span data-testid="unlock-by-recovery">忘记密码，用恢复密钥</span> },
          ]}
          style={{ marginBottom: 16 }}
        />
        <Form form={form} layout="vertical" onFinish={(v) => unlock.mutate(v)}>
          <Form.Item
            name="secret"
            label={by === 'password' ? '密码' : '恢复密钥（32 位，如 ABCD-EFGH-…）'}
            rules={[{ required: true, message: by === 'password' ? '请输入密码' : '请输入恢复密钥' }]}
          >
            {by === 'password' ? (
              <Input.Password autoFocus autoComplete="current-password" data-testid="unlock-password" />
            ) : (
              <Input autoFocus data-testid="unlock-recovery-key" />
            )}
          </Form.Item>
          {by === 'recovery' && <NewPasswordFields />}
          {unlock.isError && <Alert type="error" title={unlock.error.message} style={{ marginBottom: 16 }} data-testid="unlock-error" />}
          <Button type="primary" htmlType="submit" block loading={unlock.isPending} data-testid="unlock-submit">
            {by === 'password' ? '解锁' : '解锁并设置新密码'}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
