// The print preview of every printed form: the PDF the backend rendered, drawn page by page with
// pdf.js (never the system viewer), with 另存为 and 打印. Pages are drawn when scrolled into view,
// so a long table previews as quickly as a one-page form.
import { MinusOutlined, PlusOutlined, PrinterOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Select, Space, Spin, Typography, theme } from 'antd';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { openPdfForPrinting, savePdfAs } from '../api/print';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

/** Zoom steps; 100% is the paper's real size on a 96 dpi screen. */
const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2];
const CSS_PX_PER_PT = 96 / 72;

interface PdfPreviewProps {
  /** The PDF; undefined while it is being made. */
  pdf?: Uint8Array;
  /** Shown instead of the pages when making the PDF failed. */
  error?: string | null;
  /** The suggested file name (without .pdf) for 另存为 and the printed copy. */
  fileName: string;
  /** Height of the scrolling page area; by default what the window leaves for it. */
  height?: number | string;
  /** The zoom it opens at (one of 0.5, 0.75 … 2); 100% by default. */
  initialZoom?: number;
}

type PageSize = { width: number; height: number };

export function PdfPreview({
  pdf,
  error,
  fileName,
  height = 'max(420px, calc(100vh - 200px))',
  initialZoom = 1,
}: PdfPreviewProps) {
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const [doc, setDoc] = useState<pdfjs.PDFDocumentProxy | null>(null);
  const [sizes, setSizes] = useState<PageSize[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [zoom, setZoom] = useState(initialZoom);
  const [busy, setBusy] = useState<'save' | 'print' | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!pdf) return;
    let cancelled = false;
    // pdf.js hands its buffer to the worker; keep ours intact for 另存为 and 打印.
    const task = pdfjs.getDocument({ data: pdf.slice(), isEvalSupported: false });
    task.promise
      .then(async (loaded) => {
        const pages: PageSize[] = [];
        for (let n = 1; n <= loaded.numPages; n += 1) {
          const viewport = (await loaded.getPage(n)).getViewport({ scale: 1 });
          pages.push({ width: viewport.width, height: viewport.height });
        }
        if (cancelled) return;
        setDoc(loaded);
        setSizes(pages);
        setLoadError(null);
        scroller.current?.scrollTo({ top: 0 });
      })
      .catch((e: unknown) => {
        if (!cancelled) setLoadError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      cancelled = true;
      setDoc(null);
      setSizes([]);
      setLoadError(null);
      void task.destroy();
    };
  }, [pdf]);

  const run = async (kind: 'save' | 'print') => {
    if (!pdf) return;
    setBusy(kind);
    try {
      if (kind === 'save') {
        const path = await savePdfAs(pdf, fileName);
        if (path) message.success(`已保存：${path}`);
      } else {
        await openPdfForPrinting(pdf, fileName);
        message.info('已在系统的 PDF 阅读程序中打开，请在其中选择打印机并打印');
      }
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const zoomIndex = ZOOMS.indexOf(zoom);
  const shownError = error ?? (loadError ? `无法显示预览：${loadError}` : null);

  return (
    <div data-testid="pdf-preview">
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text data-testid="pdf-page-count">
          {doc ? `共 ${doc.numPages} 页` : '正在生成……'}
        </Typography.Text>
        <Space.Compact>
          <Button
            icon={<MinusOutlined />}
            disabled={zoomIndex <= 0}
            onClick={() => setZoom(ZOOMS[zoomIndex - 1])}
            aria-label="缩小"
            data-testid="pdf-zoom-out"
          />
          <Select
            value={zoom}
            onChange={setZoom}
            options={ZOOMS.map((z) => ({ value: z, label: `${Math.round(z * 100)}%` }))}
            style={{ width: 90 }}
            data-testid="pdf-zoom"
          />
          <Button
            icon={<PlusOutlined />}
            disabled={zoomIndex >= ZOOMS.length - 1}
            onClick={() => setZoom(ZOOMS[zoomIndex + 1])}
            aria-label="放大"
            data-testid="pdf-zoom-in"
          />
        </Space.Compact>
        <Button
          icon={<SaveOutlined />}
          disabled={!pdf}
          loading={busy === 'save'}
          onClick={() => void run('save')}
          data-testid="pdf-save"
        >
          另存为
        </Button>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          disabled={!pdf}
          loading={busy === 'print'}
          onClick={() => void run('print')}
          data-testid="pdf-print"
        >
          打印
        </Button>
      </Space>
      {shownError ? (
        <Alert type="error" showIcon title={shownError} data-testid="pdf-error" />
      ) : (
        <div
          ref={scroller}
          style={{
            height,
            overflow: 'auto',
            background: token.colorFillSecondary,
            borderRadius: token.borderRadius,
            padding: 16,
          }}
        >
          {!pdf || !doc ? (
            <div style={{ paddingTop: 80, textAlign: 'center' }}>
              <Spin description="正在生成预览……">
                <div style={{ height: 60 }} />
              </Spin>
            </div>
          ) : (
            sizes.map((size, i) => (
              <PdfPage
                key={i}
                doc={doc}
                number={i + 1}
                width={size.width * zoom * CSS_PX_PER_PT}
                height={size.height * zoom * CSS_PX_PER_PT}
                root={scroller}
              />
            ))
          )}
        </div>
      )}
    </div>
  );
}

interface PdfPageProps {
  doc: pdfjs.PDFDocumentProxy;
  number: number;
  /** Size on screen in CSS pixels. */
  width: number;
  height: number;
  root: React.RefObject<HTMLDivElement | null>;
}

/** One page: a blank sheet of the right size until it scrolls into view, then drawn. */
function PdfPage({ doc, number, width, height, root }: PdfPageProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [visible, setVisible] = useState(false);
  const [rendered, setRendered] = useState(false);

  useEffect(() => {
    const target = canvas.current;
    if (!target) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setVisible(true);
      },
      { root: root.current, rootMargin: '400px 0px' },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [root]);

  useEffect(() => {
    const target = canvas.current;
    if (!visible || !target) return;
    let task: ReturnType<pdfjs.PDFPageProxy['render']> | null = null;
    let cancelled = false;
    void doc.getPage(number).then((page) => {
      if (cancelled) return;
      // Draw at the screen's own resolution so that small print stays sharp.
      const ratio = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: (width / page.getViewport({ scale: 1 }).width) * ratio });
      target.width = Math.floor(viewport.width);
      target.height = Math.floor(viewport.height);
      task = page.render({ canvas: target, viewport });
      task.promise.then(
        () => {
          if (!cancelled) setRendered(true);
        },
        () => undefined, // cancelled by a zoom or a new document
      );
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, number, width, visible]);

  return (
    <canvas
      ref={canvas}
      className="pdf-page"
      data-testid={`pdf-page-${number}`}
      data-rendered={rendered ? 'true' : 'false'}
      aria-label={`第 ${number} 页`}
      style={{
        display: 'block',
        width,
        height,
        margin: '0 auto 16px',
        background: '#fff',
        boxShadow: '0 1px 4px rgba(0, 0, 0, 0.25)',
      }}
    />
  );
}
