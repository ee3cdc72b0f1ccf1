import { FileTextOutlined, ProfileOutlined, SettingOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { LedgerPage } from '../features/ledger/LedgerPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SummariesArea } from '../features/summaries/SummariesArea';

export interface AppRoute {
  path: string;
  label: string;
  icon: ReactNode;
  element: ReactNode;
}

// One entry per area of the app, in menu order (工作台, 交办事项, 总结, 归档, 设置). Only areas that work
// are listed: each later area adds its own line here.
export const routes: AppRoute[] = [
  { path: '/ledger', label: '交办事项', icon: <ProfileOutlined />, element: <LedgerPage /> },
  { path: '/summaries', label: '总结', icon: <FileTextOutlined />, element: <SummariesArea /> },
  { path: '/settings', label: '设置', icon: <SettingOutlined />, element: <SettingsPage /> },
];
