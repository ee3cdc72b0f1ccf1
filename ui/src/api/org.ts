import { askOpenPath } from './dialogs';
import { call } from './invoke';
import type { ContactOptions } from './types/ContactOptions';
import type { PersonInput } from './types/PersonInput';
import type { PersonQuery } from './types/PersonQuery';
import type { UnitInput } from './types/UnitInput';
import type { UnitQuery } from './types/UnitQuery';

export const listUnits = (query: UnitQuery) => call('list_units', { query });
export const addUnit = (input: UnitInput) => call('add_unit', { input });
export const updateUnit = (id: number, input: UnitInput) => call('update_unit', { id, input });
export const setUnitActive = (id: number, active: boolean) => call('set_unit_active', { id, active });
export const deleteUnit = (id: number) => call('delete_unit', { id });

export const listPersons = (query: PersonQuery) => call('list_persons', { query });
export const addPerson = (input: PersonInput) => call('add_person', { input });
export const updatePerson = (id: number, input: PersonInput) => call('update_person', { id, input });
export const setPersonActive = (id: number, active: boolean) => call('set_person_active', { id, active });
export const deletePerson = (id: number) => call('delete_person', { id });

/** 导入通讯录: asks for the spreadsheet; null when cancelled. */
export const chooseContactsFile = () =>
  askOpenPath('导入通讯录', { name: '表格文件（.xlsx、.xls、.csv）', extensions: ['xlsx', 'xlsm', 'xls', 'csv'] });
/** Imports (or, with dry_run, previews) the 通讯录 at `path`. */
export const importContacts = (path: string, options: ContactOptions) => call('import_contacts', { path, options });
