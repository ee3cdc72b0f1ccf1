import { call } from './invoke';
import type { Person } from './types/Person';
import type { PersonInput } from './types/PersonInput';
import type { PersonQuery } from './types/PersonQuery';
import type { Unit } from './types/Unit';
import type { UnitInput } from './types/UnitInput';
import type { UnitQuery } from './types/UnitQuery';

export const listUnits = (query: UnitQuery) => call<Unit[]>('list_units', { query });
export const addUnit = (input: UnitInput) => call<Unit>('add_unit', { input });
export const updateUnit = (id: number, input: UnitInput) => call<Unit>('update_unit', { id, input });
export const setUnitActive = (id: number, active: boolean) => call<Unit>('set_unit_active', { id, active });
export const deleteUnit = (id: number) => call<void>('delete_unit', { id });

export const listPersons = (query: PersonQuery) => call<Person[]>('list_persons', { query });
export const addPerson = (input: PersonInput) => call<Person>('add_person', { input });
export const updatePerson = (id: number, input: PersonInput) => call<Person>('update_person', { id, input });
export const setPersonActive = (id: number, active: boolean) =>
  call<Person>('set_person_active', { id, active });
export const deletePerson = (id: number) => call<void>('delete_person', { id });
