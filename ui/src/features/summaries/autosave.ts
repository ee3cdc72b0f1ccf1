// Autosave of section text: a save runs once typing has paused for DELAY_MS, at once when the writer
// leaves the section or the window is hidden or closed, and saves run one after another in the
// order they were asked for, so an older text never lands after a newer one. Closing the window
// waits for the pending save (app/beforeClose.ts).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SectionSaved } from '../../api/types/SectionSaved';
import { registerBeforeClose } from '../../app/beforeClose';

/** The pause after the last keystroke before saving (the promise is “within 2 s”). */
export const DELAY_MS = 1200;

export type SaveStatus =
  | { kind: 'saved'; at?: string }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'error'; message: string };

type Job = { position: number; text: string };

export function useAutosave(
  save: (position: number, text: string) => Promise<SectionSaved>,
  onSaved: (position: number, text: string, result: SectionSaved) => void,
) {
  const [status, setStatus] = useState<SaveStatus>({ kind: 'saved' });
  const pending = useRef<Job | null>(null);
  const timer = useRef<number | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const lastError = useRef<string | null>(null);
  const callbacks = useRef({ save, onSaved });
  useEffect(() => {
    callbacks.current = { save, onSaved };
  }, [save, onSaved]);

  /** Saves what is waiting now; resolves when every save asked for so far has finished. */
  const flush = useCallback((): Promise<void> => {
    if (timer.current != null) {
      window.clearTimeout(timer.current);
      timer.current = null;
    }
    const job = pending.current;
    pending.current = null;
    if (!job) return chain.current;
    setStatus({ kind: 'saving' });
    chain.current = chain.current.then(async () => {
      try {
        const result = await callbacks.current.save(job.position, job.text);
        callbacks.current.onSaved(job.position, job.text, result);
        lastError.current = null;
        if (!pending.current) setStatus({ kind: 'saved', at: result.updated_at });
      } catch (e) {
        // Keep the text: the next keystroke or leaving the section tries again.
        if (!pending.current) pending.current = job;
        lastError.current = e instanceof Error ? e.message : String(e);
        setStatus({ kind: 'error', message: lastError.current });
      }
    });
    return chain.current;
  }, []);

  /** The text of a section changed: save it after the pause. */
  const schedule = useCallback(
    (position: number, text: string) => {
      if (pending.current && pending.current.position !== position) void flush();
      pending.current = { position, text };
      setStatus({ kind: 'pending' });
      if (timer.current != null) window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), DELAY_MS);
    },
    [flush],
  );

  // Hidden or closing window, and leaving the editor: save at once.
  useEffect(() => {
    const now = () => void flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') now();
    };
    window.addEventListener('pagehide', now);
    window.addEventListener('beforeunload', now);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', now);
      window.removeEventListener('beforeunload', now);
      document.removeEventListener('visibilitychange', onVisibility);
      now();
    };
  }, [flush]);

  // Closing the window: save now, and say so if the text could not be saved.
  useEffect(
    () =>
      registerBeforeClose(async () => {
        await flush();
        if (!pending.current) return null;
        return `正文保存失败：${lastError.current ?? '未知原因'}`;
      }),
    [flush],
  );

  return { status, schedule, flush };
}
