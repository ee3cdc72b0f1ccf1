// Chinese names of the backend's codes, in one place.
import type { Role } from './types/Role';
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
