import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { HashRouter } from 'react-router-dom';
import { CloseGuard } from './CloseGuard';
import { StartupGate } from './StartupGate';

// antd's zhCN covers the components; dayjs needs its own locale or month names stay English.
dayjs.locale('zh-cn');

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
});

export function App() {
  return (
    <ConfigProvider
      locale={zhCN}
      theme={{ token: { colorPrimary: '#b7261f', borderRadius: 4 } }}
      // 中止, 催办: two-character labels read as written, not spaced out (one way for every button).
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <CloseGuard />
        <QueryClientProvider client={queryClient}>
          <HashRouter>
            <StartupGate />
          </HashRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
