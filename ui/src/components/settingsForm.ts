// One settings card's form (设置): the stored value loaded under a query key, saved with a success
// message, then that key and the views that depend on it read again; a refusal marks its field, or
// says why. Cards whose form differs from the stored value (percentages typed for fractions, a bare
// string) convert both ways.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form } from 'antd';
import { type FieldErrorSink, showApiError } from './formErrors';

interface SettingsFormOptions<T, R, F> {
  key: string;
  load: () => Promise<T>;
  save: (value: T) => Promise<R>;
  fields: readonly F[];
  /** The success message, or one made from what `save` returned. */
  saved: string | ((result: R) => string);
  /** Further query keys to read again after a save. */
  refresh?: string[];
}

/** A card whose form holds the stored value itself. */
export function useSettingsForm<T extends object, R, F extends keyof T & string>(options: SettingsFormOptions<T, R, F>) {
  return useConvertedSettingsForm<T, R, T, F>({ ...options, toForm: (v) => v, fromForm: (v) => v });
}

/** A card whose form differs from the stored value: `toForm` and `fromForm` convert. */
export function useConvertedSettingsForm<T, R, V extends object, F extends keyof V & string>(
  options: SettingsFormOptions<T, R, F> & { toForm: (stored: T) => V; fromForm: (value: V) => T },
) {
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const stored = useQuery({ queryKey: [options.key], queryFn: options.load });
  const client = useQueryClient();
  const onFinish = async (value: V) => {
    try {
      const result = await options.save(options.fromForm(value));
      message.success(typeof options.saved === 'string' ? options.saved : options.saved(result));
      for (const key of [options.key, ...(options.refresh ?? [])]) await client.invalidateQueries({ queryKey: [key] });
    } catch (error) {
      // A generic FormInstance<V> does not narrow its field names to F for TypeScript; the fields
      // are V's own keys, which is all setFields needs.
      const fields: FieldErrorSink<F> = { setFields: (list) => form.setFields(list as never) };
      showApiError(error, fields, options.fields, message.error);
    }
  };
  return { form, initial: stored.data === undefined ? undefined : options.toForm(stored.data), onFinish };
}
