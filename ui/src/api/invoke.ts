// The only place that talks to the Rust backend. Every command either resolves with its value or
// rejects with an ApiError carrying the backend's {code, message, field}.
import { invoke } from '@tauri-apps/api/core';
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

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toApiError(error);
  }
}
