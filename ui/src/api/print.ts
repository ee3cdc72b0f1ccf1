// Printing: PDFs come from the backend as raw bytes (an ArrayBuffer, not a JSON array of numbers)
// and go back the same way for 另存为 and 打印.
import { askSavePath } from './dialogs';
import { call, sendPdf } from './invoke';
import type { PrintSampleKind } from './types/PrintSampleKind';

/** The longest table sample the backend renders (MAX_SAMPLE_ROWS in the core). */
export const MAX_SAMPLE_ROWS = 2000;

export const printSample = async (kind: PrintSampleKind, rows: number) =>
  new Uint8Array(await call('print_sample', { kind, rows }));

export const printFonts = () => call('print_fonts');

/**
 * 另存为: asks where to save (the system's save dialog) and writes the PDF there. Resolves with
 * the path written, or null when the user cancelled.
 */
export async function savePdfAs(pdf: Uint8Array, fileName: string): Promise<string | null> {
  const path = await askSavePath('另存为', `${fileName}.pdf`, { name: 'PDF 文件', extension: 'pdf' });
  if (!path) return null;
  return sendPdf('save_pdf', { pdf, arg: path });
}

/** 打印: opens the PDF in the system's PDF viewer, whose print dialog does the rest. */
export const openPdfForPrinting = (pdf: Uint8Array, name: string) => sendPdf('open_pdf', { pdf, arg: name });
