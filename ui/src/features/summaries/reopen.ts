// Reopening the draft the writer had open. The editor writes the open draft and section to the
// database when they are opened (never at exit, which a crash or a kill skips); at start, while the
// window still shows the landing page, this sends it to that draft instead.
import { summaryLastOpen } from '../../api/summary';

/** Hashes of a window that has only just started: nobody has navigated yet. */
const LANDING = new Set(['', '#', '#/', '#/workbench']); // routes[0], the start page

export const editorPath = (id: number, section: number) => `/summaries/${id}?section=${section}`;

let started = false;

export function reopenLastDraftAtStart() {
  if (started) return;
  started = true;
  const tryReopen = (attempt: number) => {
    summaryLastOpen()
      .then((last) => {
        if (last && LANDING.has(window.location.hash)) {
          window.location.hash = `#${editorPath(last.summary_id, last.section)}`;
        }
      })
      // Before the profile is set (first start) or while the store opens, try a little later.
      .catch(() => {
        if (attempt < 5) window.setTimeout(() => tryReopen(attempt + 1), 500);
      });
  };
  tryReopen(0);
}
