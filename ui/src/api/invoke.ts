// The only place that talks to the Rust backend. Every command either resolves with its value or
// rejects with an ApiError carrying the backend's {code, message, field}.
//
// Commands, their arguments and their results are declared once, in Rust (`commands!` in
// src-tauri/src/commands/), and reach TypeScript as the generated type `Commands`: a misspelt
// command, a missing or misnamed argument, or a wrong result type fails `tsc` (see
// invoke.typetest.ts).
import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import type { Commands } from './types/Commands';
import type { ErrorBody } from './types/ErrorBody';

export class ApiError extends Error {
  readonly code: string;
  readonly field?: string;

  constructor(body: ErrorBody) {
    super(body.message);
    this.code = body.code;
    this.field = body.field;
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}

/** Turns whatever a failed command threw into an ApiError with a Chinese message. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isErrorBody(error)) return new ApiError(error);
  const text = error instanceof Error ? error.message : String(error);
  return new ApiError({ code: 'internal', message: `程序内部错误：${text}` });
}

/** The name of a backend command. */
export type CommandName = keyof Commands;
/** What a command takes from the UI, named as in Rust but in camelCase; `null` when nothing. */
export type CommandArgs<K extends CommandName> = Commands[K]['args'];
/** What a command resolves with; a Rust `()` (`null` in the schema) is `void`. */
export type CommandResult<K extends CommandName> = [Commands[K]['result']] extends [null]
  ? void
  : Commands[K]['result'];

/** The commands that receive a PDF as the raw request body (see sendPdf). */
export type PdfCommand = {
  [K in CommandName]: CommandArgs<K> extends { pdf: Uint8Array } ? K : never;
}[CommandName];
/** The commands whose arguments travel as JSON (see call). */
export type JsonCommand = Exclude<CommandName, PdfCommand>;

/** The arguments of `call`: none when the command takes none, else its one args object. */
type CallArgs<K extends JsonCommand> = CommandArgs<K> extends null ? [] : [args: CommandArgs<K>];

/** Calls a backend command with its arguments as JSON. */
export async function call<K extends JsonCommand>(
  command: K,
  ...args: CallArgs<K>
): Promise<CommandResult<K>> {
  try {
    return await invoke<CommandResult<K>>(command, args[0] as InvokeArgs | undefined);
  } catch (error) {
    throw toApiError(error);
  }
}

/** A JSON string with everything outside ASCII escaped, so that it fits in an HTTP header. */
function asciiJson(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Calls a command that receives a PDF: the bytes go as the raw body (never a JSON array of numbers),
 * the one string argument in the `luoshi-arg` header.
 */
export async function sendPdf<K extends PdfCommand>(
  command: K,
  { pdf, arg }: CommandArgs<K>,
): Promise<CommandResult<K>> {
  try {
    return await invoke<CommandResult<K>>(command, pdf, { headers: { 'luoshi-arg': asciiJson(arg) } });
  } catch (error) {
    throw toApiError(error);
  }
}
