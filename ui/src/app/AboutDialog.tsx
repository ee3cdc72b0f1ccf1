import { Descriptions, Modal, Typography } from 'antd';
import type { AppInfo } from '../api/types/AppInfo';

export function AboutDialog({ info, open, onClose }: { info: AppInfo; open: boolean; onClose: () => void }) {
  return (
    <Modal title="关于落实" open={open} onCancel={onClose} footer={null} data-testid="about-dialog">
      <Typography.Paragraph type="secondary">交办事项督查督办与工作总结，离线使用。</Typography.Paragraph>
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label="版本">{info.version}</Descriptions.Item>
        <Descriptions.Item label="数据结构版本">{info.schema_version}</Descriptions.Item>
        <Descriptions.Item label="数据文件夹">
          <Typography.Text copyable data-testid="about-data-dir">
            {info.data_dir}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </Modal>
  );
}
