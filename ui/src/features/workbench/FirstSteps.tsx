// 开始使用: after the profile, the steps a new office takes before the ledger works (units, people,
// this year's calendar, the first items), each done when the data says so. The core decides the
// steps and when they are done; the card is gone once all are.
import { CheckCircleFilled, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, List, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { firstSteps } from '../../api/system';
import type { FirstStep } from '../../api/types/FirstStep';

/** Where each step is taken. */
const PLACES: Record<FirstStep, { path: string; label: string }> = {
  units: { path: '/settings?tab=units', label: '去添加单位' },
  people: { path: '/settings?tab=persons', label: '去添加人员' },
  calendar: { path: '/settings?tab=calendar', label: '查看工作日历' },
  items: { path: '/ledger', label: '去交办事项' },
};

export function FirstSteps() {
  const navigate = useNavigate();
  const steps = useQuery({ queryKey: ['first-steps'], queryFn: firstSteps });
  if (!steps.data?.length) return null;
  const left = steps.data.filter((s) => !s.done).length;
  return (
    <Card size="small" title={<span data-testid="first-steps-title">{`开始使用：还有 ${left} 步`}</span>} data-testid="first-steps">
      <List
        size="small"
        dataSource={steps.data}
        renderItem={(s, i) => (
          <List.Item
            data-testid={`first-step-${s.step}`}
            data-done={s.done}
            actions={
              s.done
                ? []
                : [
                    <Button key="go" type="link" size="small" onClick={() => navigate(PLACES[s.step].path)}>
                      {PLACES[s.step].label} <RightOutlined />
                    </Button>,
                  ]
            }
          >
            <List.Item.Meta
              avatar={
                s.done ? (
                  <CheckCircleFilled style={{ color: '#389e0d', fontSize: 18 }} />
                ) : (
                  <Typography.Text strong style={{ display: 'inline-block', width: 18, textAlign: 'center' }}>
                    {i + 1}
                  </Typography.Text>
                )
              }
              title={<Typography.Text delete={s.done}>{s.label}</Typography.Text>}
              description={s.hint}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
