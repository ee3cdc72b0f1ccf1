// Chinese names of the backend's codes, in one place.
import type { Action } from './types/Action';
import type { Category } from './types/Category';
import type { Classification } from './types/Classification';
import type { FeedbackCycle } from './types/FeedbackCycle';
import type { Light } from './types/Light';
import type { Role } from './types/Role';
import type { Source } from './types/Source';
import type { State } from './types/State';
import type { Urgency } from './types/Urgency';
import type { UnitKind } from './types/UnitKind';

export const unitKindLabels: Record<UnitKind, string> = {
  internal: '内设机构',
  subordinate: '下属单位',
  external: '外部单位',
};

export const roleLabels: Record<Role, string> = {
  leader: '领导',
  liaison: '联络员',
  handler: '经办人',
};

// 交办事项. The Rust enums carry the same labels (`label()`), used by the CLI and the printed forms.
export const stateLabels: Record<State, string> = {
  registered: '登记',
  assigned: '已交办',
  in_progress: '办理中',
  reported: '已反馈',
  closed: '已办结',
  suspended: '已中止',
  struck_off: '已销号',
  archived: '已归档',
};

export const lightLabels: Record<Light, string> = {
  red: '红灯',
  yellow: '黄灯',
  blue: '蓝灯',
  green: '绿灯',
  suspended: '中止',
  closed_on_time: '按期办结',
  closed_late: '超期办结',
};

/** Screen colours of the lights (antd palette names where they exist). */
export const lightColors: Record<Light, string> = {
  red: '#d4380d',
  yellow: '#d4b106',
  blue: '#1677ff',
  green: '#389e0d',
  suspended: '#8c8c8c',
  closed_on_time: '#389e0d',
  closed_late: '#ad6800',
};

export const categoryLabels: Record<Category, string> = {
  immediate: '即时响应类',
  routine: '一般办理类',
  complex: '复杂协同类',
};

export const sourceLabels: Record<Source, string> = {
  meeting: '会议纪要',
  instruction: '领导批示',
  superior: '上级交办',
  petition: '来信来访/群众诉求',
  inspection: '巡视巡察整改',
  other: '其他',
};

export const urgencyLabels: Record<Urgency, string> = {
  extra_urgent: '特急',
  urgent: '加急',
  normal: '平件',
};

export const feedbackCycleLabels: Record<FeedbackCycle, string> = {
  none: '无',
  weekly: '每周',
  fortnightly: '每两周',
  monthly: '每月',
  quarterly: '每季度',
};

export const classificationLabels: Record<Classification, string> = {
  public: '公开',
  internal: '内部',
};

export const actionLabels: Record<Action, string> = {
  assign: '交办',
  accept: '签收',
  progress: '进展反馈',
  report: '反馈办理结果',
  pass: '审核通过',
  return: '退回重办',
  extend: '申请延期',
  approve_extension: '同意延期',
  reject_extension: '不同意延期',
  suspend: '中止',
  resume: '恢复办理',
  remind: '催办',
  revisit: '回访',
  strike_off: '销号',
  archive: '归档',
};

/** Select options from a label map, in the map's order. */
export const optionsOf = <K extends string>(labels: Record<K, string>) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
