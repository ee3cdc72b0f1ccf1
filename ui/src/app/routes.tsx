import { DashboardOutlined, FileTextOutlined, FolderOutlined, ProfileOutlined, SettingOutlined } from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';

// Each area is its own chunk, loaded when first opened: the window starts without the editor, the
// PDF viewer or the ledger's table in its first script.
const WorkbenchPage = lazy(() =>
  import('../features/workbench/WorkbenchPage').then((m) => ({ default: m.WorkbenchPage })),
);
const LedgerPage = lazy(() => import('../features/ledger/LedgerPage').then((m) => ({ default: m.LedgerPage })));
const SummariesArea = lazy(() =>
  import('../features/summaries/SummariesArea').then((m) => ({ default: m.SummariesArea })),
);
const ArchivePage = lazy(() => import('../features/archive/ArchivePage').then((m) => ({ default: m.ArchivePage })));
const SettingsPage = lazy(() =>
  import('../features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })),
);

export interface AppRoute {
  path: string;
  label: string;
  icon: ReactNode;
  element: ReactNode;
}

// One entry per area of the app, in menu order (工作台, 交办事项, 总结, 归档, 设置). Only areas that work
// are listed: each later area adds its own line here.
export const routes: AppRoute[] = [
  { path: '/workbench', label: '工作台', icon: <DashboardOutlined />, element: <WorkbenchPage /> },
  { path: '/ledger', label: '交办事项', icon: <ProfileOutlined />, element: <LedgerPage /> },
  { path: '/summaries', label: '总结', icon: <FileTextOutlined />, element: <SummariesArea /> },
  { path: '/archive', label: '归档', icon: <FolderOutlined />, element: <ArchivePage /> },
  { path: '/settings', label: '设置', icon: <SettingOutlined />, element: <SettingsPage /> },
];
