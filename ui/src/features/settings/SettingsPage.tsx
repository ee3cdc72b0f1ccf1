import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { ArchiveSettings } from './ArchiveSettings';
import { ChecksSettings } from './ChecksSettings';
import { AssignmentSettings } from './AssignmentSettings';
import { AuditPanel } from './AuditPanel';
import { BackupPanel } from './BackupPanel';
import { CalendarSettings } from './calendar/CalendarSettings';
import { LimitsSettings } from './calendar/LimitsSettings';
import { PersonsPanel } from './PersonsPanel';
import { PrintSettings } from './PrintSettings';
import { RemindSettingsPanel } from './RemindSettings';
import { ProfileEditor } from './ProfileForm';
import { UnitsPanel } from './UnitsPanel';

export function SettingsPage() {
  // The tab is in the address (设置?tab=units), so 开始使用 can open the page where a step is taken.
  const [params, setParams] = useSearchParams();
  return (
    <Card title="设置">
      <Tabs
        activeKey={params.get('tab') ?? 'units'}
        onChange={(tab) => setParams({ tab }, { replace: true })}
        items={[
          { key: 'units', label: <span data-testid="tab-units">组织机构</span>, children: <UnitsPanel /> },
          { key: 'persons', label: <span data-testid="tab-persons">人员</span>, children: <PersonsPanel /> },
          { key: 'profile', label: <span data-testid="tab-profile">个人信息</span>, children: <ProfileEditor /> },
          { key: 'calendar', label: <span data-testid="tab-calendar">工作日历</span>, children: <CalendarSettings /> },
          { key: 'limits', label: <span data-testid="tab-limits">办理时限</span>, children: <LimitsSettings /> },
          {
            key: 'assignment',
            label: <span data-testid="tab-assignment">编号与预警</span>,
            children: <AssignmentSettings />,
          },
          { key: 'remind', label: <span data-testid="tab-remind">提醒与目标</span>, children: <RemindSettingsPanel /> },
          { key: 'checks', label: <span data-testid="tab-checks-settings">检查</span>, children: <ChecksSettings /> },
          { key: 'archive', label: <span data-testid="tab-archive">归档</span>, children: <ArchiveSettings /> },
          { key: 'print', label: <span data-testid="tab-print">打印</span>, children: <PrintSettings /> },
          { key: 'backup', label: <span data-testid="tab-backup">数据与备份</span>, children: <BackupPanel /> },
          { key: 'audit', label: <span data-testid="tab-audit">审计日志</span>, children: <AuditPanel /> },
        ]}
      />
    </Card>
  );
}
