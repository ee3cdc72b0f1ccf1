// The directory the forms of several areas choose from: active units and people, cached together,
// and the local user, who is the default actor of every step.
import { useQuery } from '@tanstack/react-query';
import { listPersons, listUnits } from '../api/org';
import { getProfile } from '../api/system';
import type { Person } from '../api/types/Person';
import type { Unit } from '../api/types/Unit';

export function useDirectory() {
  const units = useQuery({ queryKey: ['units', 'active'], queryFn: () => listUnits({ include_inactive: false }) });
  const persons = useQuery({
    queryKey: ['persons', 'active'],
    queryFn: () => listPersons({ include_inactive: false }),
  });
  return { units: units.data ?? [], persons: persons.data ?? [] };
}

/** The local user (set at first start). */
export function useProfile() {
  return useQuery({ queryKey: ['profile'], queryFn: getProfile }).data ?? null;
}

/** Options for a unit picker: the full names, in the directory's order. */
export const unitOptions = (units: Unit[]) => units.map((u) => ({ value: u.id, label: u.name }));

/** Options for a person picker: "姓名（单位·职务）", people of `preferUnitId` first. */
export function personOptions(persons: Person[], preferUnitId?: number) {
  const sorted = preferUnitId
    ? [...persons].sort((a, b) => Number(b.unit_id === preferUnitId) - Number(a.unit_id === preferUnitId))
    : persons;
  return sorted.map((p) => ({
    value: p.id,
    label: `${p.name}（${p.unit_name}${p.title ? `·${p.title}` : ''}）`,
  }));
}
