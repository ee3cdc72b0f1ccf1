import { toApiError } from '../api/invoke';

/** The part of antd's FormInstance we need: lets the rule be tested without rendering a form. */
export interface FieldErrorSink<F extends string> {
  setFields(fields: { name: F; errors: string[] }[]): void;
}

/**
 * Shows a backend error where it belongs: at the form field it names when the form has that field,
 * otherwise as a message. Returns the Chinese text either way.
 */
export function showApiError<F extends string>(
  error: unknown,
  form: FieldErrorSink<NoInfer<F>>,
  formFields: readonly F[],
  notify: (text: string) => void,
): string {
  const apiError = toApiError(error);
  const field = formFields.find((f) => f === apiError.field);
  if (field) {
    form.setFields([{ name: field, errors: [apiError.message] }]);
  } else {
    notify(apiError.message);
  }
  return apiError.message;
}
