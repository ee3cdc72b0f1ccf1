// 总结: the list at /summaries and the editor at /summaries/:id (?section=N).
import { Route, Routes } from 'react-router-dom';
import { SummaryEditorPage } from './SummaryEditorPage';
import { SummaryListPage } from './SummaryListPage';
import { reopenLastDraftAtStart } from './reopen';

// The window opens where the writer left off, even after a crash: see reopen.ts.
reopenLastDraftAtStart();

export function SummariesArea() {
  return (
    <Routes>
      <Route index element={<SummaryListPage />} />
      <Route path=":id" element={<SummaryEditorPage />} />
    </Routes>
  );
}
