// The directory the ledger's forms choose from: active units and people, cached together.
import { useQuery } from '@tanstack/react-query';
import { listPersons, listUnits } from '../../api/org';
import type { Person } from '../../api/types/Person';

export function useDirectory() {
  const units = useQuery({ queryKey: ['units', 'active'], queryFn: () => listUnits({ include_inactive: false }) });
  const persons = useQuery({
    queryKey: ['persons', 'active'],
    queryFn: () => listPersons({ include_inactive: false }),
  });
  return { units: units.data ?? [], persons: persons.data ?? [], loading: units.isLoading || persons.isLoading };
}

/** Options for a person picker: "姓名（单位）", people of `preferUnitId` first. */
export function personOptions(persons: Person[], preferUnitId?: number) {
  const sorted = preferUnitId
    ? [...persons].sort((a, b) => Number(b.unit_id === preferUnitId) - Number(a.unit_id === preferUnitId))
    : persons;
  return sorted.map((p) => ({
    value: p.id,
    label: `${p.name}（${p.unit_name}${p.title ? `·${p.title}` : ''}）`,
  }));
}
