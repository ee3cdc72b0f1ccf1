// 数据与备份 → 数据加密: switch encryption on (a password and a printed recovery key), change the
// password, switch it off. The rules and the key come from the backend.
import { LockOutlined, PrinterOutlined, UnlockOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import {
  changePassword,
  disableEncryption,
  enableEncryption,
  encryptionStatus,
  newRecoveryKey,
  recoveryKeyPdf,
} from '../../api/encryption';
import { passwordRule } from '../../api/labels';
import { PdfPreview } from '../../components/PdfPreview';

/** The two password fields of a new password, with the backend's length rule. */
export function NewPasswordFields({ name = 'password' }: { name?: string }) {
  return (
    <>
      <Form.Item
        name={name}
        label="新密码"
        rules={[
          { required: true, message: '请输入密码' },
          { min: passwordRule.min, max: passwordRule.max, message: `密码应为 ${passwordRule.min}—${passwordRule.max} 个字符` },
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="encryption-new-password" />
      </Form.Item>
      <Form.Item
        name={`${name}Again`}
        label="再输一遍"
        dependencies={[name]}
        rules={[
          { required: true, message: '请再输入一遍密码' },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              value === getFieldValue(name) ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="encryption-new-password-again" />
      </Form.Item>
    </>
  );
}

/** The recovery key as it is printed, with the sheet to print. */
function RecoveryKeyShown({ recoveryKey }: { recoveryKey: string }) {
  const [preview, setPreview] = useState(false);
  const pdf = useQuery({ queryKey: ['recovery-sheet', recoveryKey], queryFn: () => recoveryKeyPdf(recoveryKey), enabled: preview, gcTime: 0 });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">恢复密钥（忘记密码时凭它打开数据，请打印后锁好）：</Typography.Text>
      <Typography.Text code copyable={false} style={{ fontSize: 20, letterSpacing: 1 }} data-testid="recovery-key">
        {recoveryKey}
      </Typography.Text>
      <Button icon={<PrinterOutlined />} onClick={() => setPreview(true)} data-testid="recovery-key-print">
        打印恢复密钥单…
      </Button>
      <Modal title="恢复密钥单" open={preview} width={900} footer={null} onCancel={() => setPreview(false)} destroyOnHidden>
        <PdfPreview pdf={pdf.data} error={pdf.isError ? pdf.error.message : null} fileName="落实恢复密钥单" height="calc(100vh - 260px)" />
      </Modal>
    </Space>
  );
}

function EnableModal({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = useQuery({ queryKey: ['new-recovery-key'], queryFn: newRecoveryKey, gcTime: 0, staleTime: Infinity });
  const [form] = Form.useForm<{ password: string; kept: boolean }>();
  const enable = useMutation({
    mutationFn: (password: string) => enableEncryption(password, key.data ?? ''),
    onSuccess: () => {
      message.success('已加密数据文件及全部备份');
      void queryClient.invalidateQueries();
      onClose();
    },
  });
  return (
    <Modal
      title="启用数据加密"
      open
      onCancel={onClose}
      okText="加密"
      cancelText="取消"
      confirmLoading={enable.isPending}
      onOk={() => void form.validateFields().then((v) => enable.mutate(v.password))}
      okButtonProps={{ disabled: !key.data, 'data-testid': 'encryption-enable-confirm' } as React.ComponentProps<typeof Button>}
      destroyOnHidden
    >
      <Typography.Paragraph>
        加密后，数据文件和备份文件离开本程序就无法读取。每次打开落实都要输入密码；忘记密码时只能用恢复密钥，两者都丢失，数据就无法找回。
      </Typography.Paragraph>
      {key.data && <RecoveryKeyShown recoveryKey={key.data} />}
      {key.isError && <Alert type="error" title={key.error.message} />}
      <Form form={form} layout="vertical" style={{ marginTop: 16 }}>
        <NewPasswordFields />
        <Form.Item
          name="kept"
          valuePropName="checked"
          rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error('请先打印或抄下恢复密钥'))) }]}
        >
          <Checkbox data-testid="encryption-key-kept">我已打印或抄下恢复密钥，并妥善保管</Checkbox>
        </Form.Item>
      </Form>
      {enable.isError && <Alert type="error" title={enable.error.message} data-testid="encryption-error" />}
    </Modal>
  );
}

/** 修改密码 or 取消加密: both confirmed with the current password. */
function ConfirmModal({ mode, onClose }: { mode: 'password' | 'disable'; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ current: string; password: string }>();
  const run = useMutation({
    mutationFn: (v: { current: string; password: string }) => {
      const proof = { kind: 'password' as const, value: v.current };
      return mode === 'password' ? changePassword(proof, v.password) : disableEncryption(proof);
    },
    onSuccess: () => {
      message.success(mode === 'password' ? '密码已修改；恢复密钥不变' : '已取消加密，数据文件及备份恢复为不加密');
      void queryClient.invalidateQueries();
      onClose();
    },
  });
  return (
    <Modal
      title={mode === 'password' ? '修改密码' : '取消加密'}
      open
      onCancel={onClose}
      okText={mode === 'password' ? '修改' : '取消加密'}
      cancelText="返回"
      confirmLoading={run.isPending}
      onOk={() => void form.validateFields().then((v) => run.mutate(v))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="current" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {mode === 'password' && <NewPasswordFields />}
      </Form>
      {run.isError && <Alert type="error" title={run.error.message} />}
    </Modal>
  );
}

export function EncryptionCard() {
  const status = useQuery({ queryKey: ['encryption'], queryFn: encryptionStatus });
  const [open, setOpen] = useState<'enable' | 'password' | 'disable' | null>(null);
  const enabled = status.data?.enabled ?? false;
  return (
    <Card size="small" title="数据加密" data-testid="encryption-card">
      <Typography.Paragraph type="secondary" data-testid="encryption-state">
        {enabled
          ? '数据文件及其备份已加密（SQLCipher，AES-256）。打开落实时需输入密码；忘记密码时用打印的恢复密钥。'
          : '数据文件没有加密，由本机的账户和磁盘保护。启用后，数据文件及其备份都加密保存。'}
      </Typography.Paragraph>
      <Space wrap>
        {!enabled && (
          <Button icon={<LockOutlined />} onClick={() => setOpen('enable')} disabled={!status.data} data-testid="encryption-enable">
            启用加密…
          </Button>
        )}
        {enabled && (
          <>
            <Button onClick={() => setOpen('password')} data-testid="encryption-change-password">
              修改密码…
            </Button>
            <Button icon={<UnlockOutlined />} danger onClick={() => setOpen('disable')}>
              取消加密…
            </Button>
          </>
        )}
      </Space>
      {open === 'enable' && <EnableModal onClose={() => setOpen(null)} />}
      {(open === 'password' || open === 'disable') && <ConfirmModal mode={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}
