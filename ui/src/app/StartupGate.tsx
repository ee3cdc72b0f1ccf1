import { useQuery } from '@tanstack/react-query';
import { Result, Spin } from 'antd';
import { ApiError } from '../api/invoke';
import { appInfo, getProfile } from '../api/system';
import { DAMAGED_CODES, DamagedDataPage } from '../features/settings/DamagedDataPage';
import { ProfileSetup } from '../features/settings/ProfileForm';
import { LOCKED_CODE, UnlockPage } from '../features/settings/UnlockPage';
import { AppLayout } from './AppLayout';

/** The window shows the app only once the data folder opened and the local user is known. */
export function StartupGate() {
  const info = useQuery({ queryKey: ['app-info'], queryFn: appInfo });
  const profile = useQuery({ queryKey: ['profile'], queryFn: getProfile, enabled: info.isSuccess });

  if (info.isError && info.error instanceof ApiError && info.error.code === LOCKED_CODE) {
    return <UnlockPage />;
  }
  if (info.isError && info.error instanceof ApiError && DAMAGED_CODES.includes(info.error.code)) {
    return <DamagedDataPage message={info.error.message} />;
  }
  if (info.isError) {
    return (
      <Result
        status="error"
        title="无法打开数据文件"
        subTitle={info.error.message}
        data-testid="startup-error"
      />
    );
  }
  if (info.isPending || profile.isPending) {
    return <Spin fullscreen tip="正在打开数据……" />;
  }
  if (profile.isError) {
    return <Result status="error" title="读取个人信息失败" subTitle={profile.error.message} />;
  }
  if (!profile.data) {
    return <ProfileSetup />;
  }
  return <AppLayout info={info.data} profile={profile.data} />;
}
