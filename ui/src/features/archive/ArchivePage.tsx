// 归档 (DA/T 22-2015): what waits to be filed, with what it lacks, and the archive by year.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Tabs } from 'antd';
import { getArchiveSetup } from '../../api/archive';
import { CandidatesPanel } from './CandidatesPanel';
import { FilesPanel } from './FilesPanel';

export function ArchivePage() {
  const setup = useQuery({ queryKey: ['archive-setup'], queryFn: getArchiveSetup });
  return (
    <Card title="归档">
      {setup.data && !setup.data.settings.fonds_code && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message="归档前请先在“设置 → 归档”填写全宗号和全宗名称：档号由全宗号、年度、保管期限、机构代码和件号组成。"
        />
      )}
      <Tabs
        items={[
          { key: 'candidates', label: <span data-testid="archive-tab-candidates">待归档</span>, children: <CandidatesPanel /> },
          { key: 'files', label: <span data-testid="archive-tab-files">档案</span>, children: <FilesPanel /> },
        ]}
      />
    </Card>
  );
}
