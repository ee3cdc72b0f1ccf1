// 宣贯材料: a digest the core generates from the summary (key figures, the problems the checks
// found, the next steps), edited here before printing.
import { useQuery } from '@tanstack/react-query';
import { Alert, Modal, Spin } from 'antd';
import { publicityDraft } from '../../api/summary';
import type { PublicityDraft } from '../../api/types/PublicityDraft';
import { type DraftField, DraftPaper } from '../../components/DraftPaper';

type TextField = 'title' | 'figures' | 'problems' | 'next_steps' | 'issuer';

const FIELDS: DraftField<TextField>[] = [
  { name: 'title', label: '标题', long: false },
  { name: 'figures', label: '一、主要数据（每行一段）', long: true },
  { name: 'problems', label: '二、存在问题（留空则不印）', long: true },
  { name: 'next_steps', label: '三、下一步工作（留空则不印）', long: true },
  { name: 'issuer', label: '落款单位', long: false },
];

export function PublicityModal({ id, onClose }: { id: number; onClose: () => void }) {
  const draft = useQuery({ queryKey: ['publicity-draft', id], queryFn: () => publicityDraft(id), gcTime: 0 });
  return (
    <Modal title="宣贯材料（草稿）" open width={1240} footer={null} onCancel={onClose} destroyOnHidden>
      <DraftPaper<TextField, PublicityDraft>
        draft={draft.data}
        fields={FIELDS}
        testPrefix="publicity"
        note="由总结生成：数据取自基本情况和目标完成情况两章及指标表，问题取自检查找出的问题，下一步工作取自工作计划（没有时取各问题的措施）。可以修改后再打印。"
        header={
          <>
            {draft.isError && <Alert type="error" showIcon title={draft.error.message} />}
            {draft.isPending && <Spin style={{ display: 'block', padding: 48 }} />}
          </>
        }
        paper={(shown) => ({ paper: 'publicity', draft: shown })}
      />
    </Modal>
  );
}
