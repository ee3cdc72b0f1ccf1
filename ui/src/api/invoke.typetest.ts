// Compile-time tests of `call` and `sendPdf`, run by `npm run typecheck` (never executed): each
// `@ts-expect-error` line must fail to compile, so a command schema that stopped catching these
// mistakes fails `tsc` here ("Unused '@ts-expect-error' directive").
import { call, sendPdf } from './invoke';
import type { LedgerPage } from './types/LedgerPage';
import type { LedgerQuery } from './types/LedgerQuery';

export async function typeTests(query: LedgerQuery, pdf: Uint8Array) {
  // What compiles: the result is inferred from the command.
  const page: LedgerPage = await call('ledger_page', { query });
  const tags: string[] = await call('assignment_tags');
  const nothing: void = await call('delete_unit', { id: 1 });
  const bytes: ArrayBuffer = await call('print_sample', { kind: 'form', rows: 1 });
  const saved: string = await sendPdf('save_pdf', { pdf, arg: '/tmp/a.pdf' });

  // @ts-expect-error -- a misspelt command
  await call('ledger_pages', { query });
  // @ts-expect-error -- a missing argument object
  await call('ledger_page');
  // @ts-expect-error -- a missing argument
  await call('default_deadline', { category: 'routine' });
  // @ts-expect-error -- a misnamed argument (the UI names it in camelCase)
  await call('default_deadline', { category: 'routine', assigned_at: null });
  // @ts-expect-error -- an argument of the wrong type
  await call('assignment_detail', { id: '1' });
  // @ts-expect-error -- an argument the command does not take
  await call('assignment_detail', { id: 1, full: true });
  // @ts-expect-error -- arguments for a command that takes none
  await call('assignment_tags', {});
  // @ts-expect-error -- a wrong result type
  const wrong: string = await call('ledger_page', { query });
  // @ts-expect-error -- a PDF command called with JSON
  await call('save_pdf', { pdf, arg: '/tmp/a.pdf' });
  // @ts-expect-error -- a JSON command sent a PDF
  await sendPdf('print_fonts', { pdf, arg: 'x' });

  return { page, tags, nothing, bytes, saved, wrong };
}
