// Plain text with paragraphs, in CodeMirror 6 with the fewest extensions that make a writing pad:
// line wrapping, history (Ctrl+Z), and highlighted ranges with a tooltip each (the substance
// checks' findings). Ranges are UTF-16 offsets into the text, as JavaScript and the checks count.
import { EditorState, RangeSetBuilder, StateEffect, StateField } from '@codemirror/state';
import {
  Decoration,
  type DecorationSet,
  EditorView,
  hoverTooltip,
  keymap,
  placeholder as placeholderExt,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { useEffect, useRef } from 'react';

export interface Highlight {
  from: number;
  to: number;
  /** Shown when the pointer rests on the range. */
  tooltip: string;
  /** error: red wavy underline; warning: amber background. */
  severity: 'error' | 'warning';
}

interface TextEditorProps {
  text: string;
  onChange: (text: string) => void;
  /** The marks to show; undefined keeps the marks shown (they move along with the typing). */
  highlights?: Highlight[];
  /** Selects this range and scrolls it into view; `n` tells two requests for one range apart. */
  reveal?: { from: number; to: number; n: number } | null;
  readOnly?: boolean;
  placeholder?: string;
  /** Called when the editor loses the focus (e.g. to save at once). */
  onBlur?: () => void;
  testId?: string;
  minHeight?: number | string;
}

const setHighlights = StateEffect.define<Highlight[]>();

interface HighlightState {
  list: Highlight[];
  decorations: DecorationSet;
}

function build(list: Highlight[], length: number): HighlightState {
  const valid = list
    .map((h) => ({ ...h, from: Math.max(0, Math.min(h.from, length)), to: Math.max(0, Math.min(h.to, length)) }))
    .filter((h) => h.to > h.from)
    .sort((a, b) => a.from - b.from || a.to - b.to);
  const builder = new RangeSetBuilder<Decoration>();
  for (const h of valid) {
    builder.add(h.from, h.to, Decoration.mark({ class: `cm-finding cm-finding-${h.severity}` }));
  }
  return { list: valid, decorations: builder.finish() };
}

const highlightField = StateField.define<HighlightState>({
  create: () => ({ list: [], decorations: Decoration.none }),
  update(value, tr) {
    for (const e of tr.effects) {
      if (e.is(setHighlights)) return build(e.value, tr.newDoc.length);
    }
    if (!tr.docChanged) return value;
    // Typing moves the marks along with the text until the next check replaces them.
    const list = value.list
      .map((h) => ({ ...h, from: tr.changes.mapPos(h.from, 1), to: tr.changes.mapPos(h.to, -1) }))
      .filter((h) => h.to > h.from);
    return { list, decorations: value.decorations.map(tr.changes) };
  },
  provide: (f) => EditorView.decorations.from(f, (v) => v.decorations),
});

const findingTooltip = hoverTooltip((view, pos) => {
  const hits = view.state.field(highlightField).list.filter((h) => h.from <= pos && pos <= h.to);
  if (hits.length === 0) return null;
  return {
    pos: Math.min(...hits.map((h) => h.from)),
    end: Math.max(...hits.map((h) => h.to)),
    above: true,
    create: () => {
      const dom = document.createElement('div');
      dom.className = 'cm-finding-tooltip';
      for (const h of hits) {
        const line = document.createElement('div');
        line.textContent = h.tooltip;
        dom.appendChild(line);
      }
      return { dom };
    },
  };
});

const theme = EditorView.theme({
  '&': { fontSize: '15px', border: '1px solid #d9d9d9', borderRadius: '4px', background: '#fff' },
  '&.cm-focused': { outline: 'none', borderColor: '#b7261f' },
  '.cm-content': {
    fontFamily: '"FangSong", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif',
    lineHeight: '1.9',
    padding: '10px 4px',
  },
  '.cm-line': { padding: '0 10px' },
  '.cm-scroller': { overflow: 'auto' },
  '.cm-finding-error': { textDecoration: 'underline wavy #d4380d', textUnderlineOffset: '4px' },
  '.cm-finding-warning': { background: 'rgba(250, 173, 20, 0.22)' },
  '.cm-finding-tooltip': { padding: '4px 8px', maxWidth: '420px', fontSize: '13px', lineHeight: '1.6' },
  '.cm-placeholder': { color: '#bfbfbf' },
});

export function TextEditor({
  text,
  onChange,
  highlights,
  reveal,
  readOnly = false,
  placeholder,
  onBlur,
  testId,
  minHeight = 320,
}: TextEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // The latest callbacks, read by the listeners the editor was created with.
  const callbacks = useRef({ onChange, onBlur });
  useEffect(() => {
    callbacks.current = { onChange, onBlur };
  }, [onChange, onBlur]);
  // What the editor itself reported lately. The parent's state trails fast typing by a render or
  // two, so `text` may come back as one of these, older than the document: that echo must not
  // replace what was typed since, or keystrokes are lost.
  const echoes = useRef<string[]>([text]);

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: text,
        extensions: [
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          EditorView.lineWrapping,
          EditorState.readOnly.of(readOnly),
          EditorView.editable.of(!readOnly),
          placeholder ? placeholderExt(placeholder) : [],
          highlightField,
          findingTooltip,
          theme,
          EditorView.theme({ '.cm-content, .cm-gutter': { minHeight: typeof minHeight === 'number' ? `${minHeight}px` : minHeight } }),
          EditorView.updateListener.of((u) => {
            if (!u.docChanged) return;
            const doc = u.state.doc.toString();
            echoes.current = [...echoes.current.slice(-99), doc];
            callbacks.current.onChange(doc);
          }),
          EditorView.domEventHandlers({
            blur: () => {
              callbacks.current.onBlur?.();
            },
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is made once per mount (the parent keys it by section); later text comes in below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [readOnly]);

  // Text changed from outside (a restored version, inserted figures): replace the document.
  useEffect(() => {
    const editor = view.current;
    if (!editor || echoes.current.includes(text)) return;
    if (editor.state.doc.toString() !== text) {
      echoes.current = [text];
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
    }
  }, [text]);

  useEffect(() => {
    if (highlights) view.current?.dispatch({ effects: setHighlights.of(highlights) });
  }, [highlights, readOnly]);

  useEffect(() => {
    const editor = view.current;
    if (!editor || !reveal) return;
    const length = editor.state.doc.length;
    const from = Math.min(reveal.from, length);
    const to = Math.min(reveal.to, length);
    editor.dispatch({ selection: { anchor: from, head: to }, effects: EditorView.scrollIntoView(from, { y: 'center' }) });
    editor.focus();
  }, [reveal]);

  return <div ref={host} data-testid={testId} className="text-editor" />;
}
