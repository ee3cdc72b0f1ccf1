// 总结: the list at /summaries and the editor at /summaries/:id (?section=N).
import { Route, Routes } from 'react-router-dom';
import { SummaryEditorPage } from './SummaryEditorPage';
import { SummaryListPage } from './SummaryListPage';

export function SummariesArea() {
  return (
    <Routes>
      <Route index element={<SummaryListPage />} />
      <Route path=":id" element={<SummaryEditorPage />} />
    </Routes>
  );
}
