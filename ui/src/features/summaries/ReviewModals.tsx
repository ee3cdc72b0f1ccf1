// The review steps, one form each: 提交审核 (the checks first; when they fail, a reason), 审核意见
// (general or on one section), 退回重写 (with opinions), 审核通过 and 发布. Who acted is a person of
// the directory, the local user by default.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Spin } from 'antd';
import { ApiError, toApiError } from '../../api/invoke';
import {
  addSummaryOpinion,
  approveSummary,
  checkSummary,
  publishSummary,
  returnSummary,
  submitSummary,
} from '../../api/summary';
import type { SummaryDetail } from '../../api/types/SummaryDetail';
import { showApiError } from '../../components/formErrors';
import { RuleFigures } from './ChecksPanel';
import { personOptions, useDirectory, useProfile } from '../../components/directory';

export type ReviewStep = 'submit' | 'opinion' | 'return' | 'approve' | 'publish';

const TITLES: Record<ReviewStep, string> = {
  submit: '提交审核',
  opinion: '审核意见',
  return: '退回重写',
  approve: '审核通过',
  publish: '发布',
};

const DONE: Record<ReviewStep, string> = {
  submit: '已提交审核',
  opinion: '已记录审核意见',
  return: '已退回重写',
  approve: '已审核通过',
  publish: '已发布',
};

const ACTOR_LABELS: Record<ReviewStep, string> = {
  submit: '提交人',
  opinion: '审核人',
  return: '审核人',
  approve: '审核人',
  publish: '发布人',
};

interface Values {
  actor_id: number;
  note?: string;
  section?: number | 'general';
  text?: string;
  general?: string;
  opinions?: { section?: number; text?: string }[];
}

const FIELDS = ['actor_id', 'note', 'text', 'section', 'general'] as const;

/** The field of the form that shows an error the core names (opinions[0].text → general …). */
function mapField(error: unknown, step: ReviewStep): ApiError {
  const e = toApiError(error);
  if (!e.field) return e;
  let field = e.field;
  if (step === 'opinion' && field.startsWith('opinion.')) field = field.slice('opinion.'.length);
  if (step === 'return' && field.startsWith('opinions')) field = 'general';
  return new ApiError({ code: e.code, message: e.message, field });
}

export function ReviewModal({
  step,
  detail,
  section,
  onClose,
  onDone,
}: {
  step: ReviewStep;
  detail: SummaryDetail;
  /** The section the writer or reviewer is on (the default of a section opinion). */
  section?: number;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const profile = useProfile();
  const { persons } = useDirectory();
  const s = detail.summary;
  const id = s.id;
  // 提交审核 shows the checks first: a failing draft needs a reason.
  const check = useQuery({
    queryKey: ['summary-check', id, 'submit'],
    queryFn: () => checkSummary(id),
    enabled: step === 'submit',
    gcTime: 0,
  });
  const failing = step === 'submit' && check.data && !check.data.passed;

  const run = useMutation({
    mutationFn: async (v: Values) => {
      const note = v.note?.trim() || undefined;
      switch (step) {
        case 'submit':
          return submitSummary(id, { actor_id: v.actor_id, note });
        case 'opinion':
          return void (await addSummaryOpinion(id, v.actor_id, {
            section: v.section === 'general' || v.section == null ? undefined : v.section,
            text: v.text ?? '',
          }));
        case 'return': {
          const opinions = [
            ...(v.general?.trim() ? [{ text: v.general.trim() }] : []),
            ...(v.opinions ?? [])
              .filter((o) => o.text?.trim())
              .map((o) => ({ section: o.section, text: o.text!.trim() })),
          ];
          return returnSummary(id, { actor_id: v.actor_id, note, opinions });
        }
        case 'approve':
          return approveSummary(id, { actor_id: v.actor_id, note });
        case 'publish':
          return publishSummary(id, { actor_id: v.actor_id, note });
      }
    },
    onSuccess: async () => {
      message.success(DONE[step]);
      await queryClient.invalidateQueries({ queryKey: ['summary', id] });
      await queryClient.invalidateQueries({ queryKey: ['summaries'] });
      await queryClient.invalidateQueries({ queryKey: ['summary-versions', id] });
      onDone();
    },
    onError: (error) => showApiError(mapField(error, step), form, FIELDS, message.error),
  });

  const sectionOptions = detail.sections.map((x) => ({ value: x.position, label: `第${x.position + 1}章 ${x.heading}` }));
  const round = s.returned_count + 1;
  const earlier = [
    ...detail.general_opinions,
    ...detail.sections.flatMap((x) => x.opinions),
  ].filter((o) => o.round === round);

  return (
    <Modal
      title={`${TITLES[step]}：${s.title}`}
      open
      width={step === 'return' || step === 'submit' ? 720 : 560}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={TITLES[step]}
      okButtonProps={{ loading: run.isPending, disabled: step === 'submit' && check.isPending, 'data-testid': 'review-submit', danger: step === 'return' }}
      destroyOnHidden
      maskClosable={false}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ actor_id: profile?.person_id, section: section ?? 'general', opinions: [] }}
        onFinish={(v) => run.mutate(v)}
      >
        {step === 'submit' &&
          (check.isPending ? (
            <Spin description="正在检查……" />
          ) : check.data ? (
            <Alert
              type={check.data.passed ? 'success' : 'error'}
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="submit-checks"
              title={check.data.passed ? '实质性检查全部通过' : '实质性检查未通过，审核人会先看到这些：'}
              description={<RuleFigures report={check.data} />}
            />
          ) : (
            <Alert type="error" title={check.error?.message} />
          ))}
        <Form.Item
          name="actor_id"
          label={ACTOR_LABELS[step]}
          rules={[{ required: true, message: '请选择人员' }]}
        >
          <Select showSearch={{ optionFilterProp: 'label' }} options={personOptions(persons)} data-testid="review-actor" />
        </Form.Item>
        {step === 'opinion' && (
          <>
            <Form.Item name="section" label="意见针对">
              <Select
                options={[{ value: 'general', label: '总体意见' }, ...sectionOptions]}
                data-testid="opinion-section"
              />
            </Form.Item>
            <Form.Item name="text" label="审核意见" rules={[{ required: true, whitespace: true, message: '请填写审核意见' }]}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} data-testid="opinion-text" />
            </Form.Item>
          </>
        )}
        {step === 'return' && (
          <>
            {earlier.length > 0 && (
              <Alert
                type="info"
                style={{ marginBottom: 12 }}
                title={`本轮已有 ${earlier.length} 条审核意见，会随退回一并交给撰写人`}
              />
            )}
            <Form.Item name="general" label="总体意见">
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="return-general" />
            </Form.Item>
            <Form.List name="opinions">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="start" style={{ display: 'flex' }}>
                      <Form.Item name={[f.name, 'section']} rules={[{ required: true, message: '请选择章节' }]}>
                        <Select
                          style={{ width: 220 }}
                          options={sectionOptions}
                          placeholder="章节"
                          data-testid={`return-section-${f.name}`}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'text']}
                        rules={[{ required: true, whitespace: true, message: '请填写意见' }]}
                        style={{ width: 380 }}
                      >
                        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} placeholder="对这一章的意见" data-testid={`return-text-${f.name}`} />
                      </Form.Item>
                      <Button type="text" icon={<DeleteOutlined />} aria-label="删除" onClick={() => remove(f.name)} />
                    </Space>
                  ))}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ section: section ?? 0, text: '' })}
                    data-testid="return-add-section"
                    style={{ marginBottom: 12 }}
                  >
                    对某一章提意见
                  </Button>
                </>
              )}
            </Form.List>
          </>
        )}
        {step !== 'opinion' && (
          <Form.Item
            name="note"
            label={step === 'submit' ? '提交说明' : step === 'return' ? '退回说明' : '说明'}
            rules={failing ? [{ required: true, whitespace: true, message: '检查未通过，请填写提交说明' }] : []}
            extra={failing ? '检查未通过时须说明理由，审核人会看到' : undefined}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="review-note" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
