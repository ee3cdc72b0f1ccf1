import { InfoCircleOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, Spin, Typography } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import type { AppInfo } from '../api/types/AppInfo';
import type { Profile } from '../api/types/Profile';
import { reopenLastDraftAtStart } from '../features/summaries/reopen';
import { ReminderBell } from '../features/workbench/ReminderBell';
import { AboutDialog } from './AboutDialog';
import { routes } from './routes';

const { Header, Sider, Content } = Layout;

export function AppLayout({ info, profile }: { info: AppInfo; profile: Profile }) {
  const location = useLocation();
  const navigate = useNavigate();
  const [aboutOpen, setAboutOpen] = useState(false);
  // The window opens where the writer left off, even after a crash: see reopen.ts.
  useEffect(reopenLastDraftAtStart, []);
  const current = routes.find((r) => location.pathname.startsWith(r.path))?.path ?? routes[0].path;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider width={168} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ padding: '16px 24px', fontSize: 22, fontWeight: 600, color: '#b7261f' }}>落实</div>
        <Menu
          mode="inline"
          selectedKeys={[current]}
          items={routes.map((r) => ({
            key: r.path,
            icon: r.icon,
            label: <span data-testid={`nav-${r.path.slice(1)}`}>{r.label}</span>,
          }))}
          onClick={({ key }) => navigate(key)}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            justifyContent: 'flex-end',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Space size="large">
            <ReminderBell />
            <Typography.Text data-testid="current-user">
              <UserOutlined /> {profile.name}（{profile.unit_name}）
            </Typography.Text>
            <Button type="text" icon={<InfoCircleOutlined />} onClick={() => setAboutOpen(true)} data-testid="about">
              关于
            </Button>
          </Space>
        </Header>
        <Content style={{ padding: 24 }}>
          <Suspense fallback={<Spin style={{ display: 'block', padding: 48 }} />}>
            <Routes>
              {routes.map((r) => (
                <Route key={r.path} path={`${r.path}/*`} element={r.element} />
              ))}
              <Route path="*" element={<Navigate to={routes[0].path} replace />} />
            </Routes>
          </Suspense>
        </Content>
      </Layout>
      <AboutDialog info={info} open={aboutOpen} onClose={() => setAboutOpen(false)} />
    </Layout>
  );
}
