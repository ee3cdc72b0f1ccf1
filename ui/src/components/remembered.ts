// View preferences of this window (column widths, hidden columns): kept in the web view's own
// storage, which lives in the user's profile beside the app. They are not data: losing them only
// brings back the defaults, so they stay out of the database and its backups.
import { useCallback, useState } from 'react';

const PREFIX = 'luoshi.';

function read<T>(key: string, fallback: T): T {
  try {
    const text = window.localStorage.getItem(PREFIX + key);
    return text == null ? fallback : { ...fallback, ...(JSON.parse(text) as T) };
  } catch {
    return fallback;
  }
}

/** A value remembered across restarts under `key`; a stored value missing fields takes them from `fallback`. */
export function useRemembered<T extends object>(key: string, fallback: T): [T, (next: T) => void] {
  const [value, setValue] = useState<T>(() => read(key, fallback));
  const remember = useCallback(
    (next: T) => {
      setValue(next);
      try {
        window.localStorage.setItem(PREFIX + key, JSON.stringify(next));
      } catch {
        // Storage full or refused: the choice holds until the window closes.
      }
    },
    [key],
  );
  return [value, remember];
}
