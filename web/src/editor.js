// The code editor: CodeMirror 6 with Common Lisp highlighting (legacy-modes), bracket matching, auto-indent,
// history, search, and Ctrl/Cmd+Enter to run. It is mounted in a shadow root so CodeMirror's styles go into a
// constructed stylesheet, which the page's Content-Security-Policy (no inline <style>) allows; colours come from
// the page's CSS custom properties, which cross the shadow boundary, so light/dark themes just work.
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentLess, indentMore } from "@codemirror/commands";
import {
  bracketMatching,
  HighlightStyle,
  indentOnInput,
  indentUnit,
  StreamLanguage,
  syntaxHighlighting,
} from "@codemirror/language";
import { commonLisp } from "@codemirror/legacy-modes/mode/commonlisp";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { EditorState, StateEffect, StateField } from "@codemirror/state";
import {
  Decoration,
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { tags as t } from "@lezer/highlight";

const highlight = HighlightStyle.define([
  { tag: t.comment, color: "var(--tok-comment)", fontStyle: "italic" },
  { tag: t.string, color: "var(--tok-string)" },
  { tag: [t.number, t.bool, t.null], color: "var(--tok-number)" },
  { tag: t.keyword, color: "var(--tok-keyword)", fontWeight: "600" },
  { tag: t.atom, color: "var(--tok-atom)" },
  { tag: [t.variableName, t.definition(t.variableName)], color: "var(--tok-name)" },
  { tag: t.meta, color: "var(--tok-meta)" },
  { tag: t.bracket, color: "var(--tok-bracket)" },
]);

const theme = EditorView.theme({
  "&": {
    height: "100%",
    color: "var(--fg)",
    backgroundColor: "var(--editor-bg)",
    fontSize: "var(--code-size)",
  },
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.55" },
  ".cm-content": { caretColor: "var(--accent)", padding: "10px 0" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--accent)", borderLeftWidth: "2px" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection":
    { backgroundColor: "var(--selection)" },
  ".cm-gutters": {
    backgroundColor: "var(--editor-bg)",
    color: "var(--muted)",
    border: "none",
    paddingRight: "4px",
  },
  ".cm-activeLine": { backgroundColor: "var(--active-line)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--active-line)", color: "var(--fg)" },
  "&.cm-focused .cm-matchingBracket": {
    backgroundColor: "var(--bracket-match)",
    outline: "1px solid var(--bracket-match-border)",
    color: "inherit",
  },
  "&.cm-focused .cm-nonmatchingBracket": { backgroundColor: "var(--error-bg)", color: "var(--error)" },
  ".cm-error-mark": {
    textDecoration: "underline wavy var(--error)",
    textUnderlineOffset: "3px",
    backgroundColor: "var(--error-bg)",
  },
  ".cm-error-line": { backgroundColor: "var(--error-bg)" },
  ".cm-panels": { backgroundColor: "var(--panel)", color: "var(--fg)" },
  ".cm-panels.cm-panels-top": { borderBottom: "1px solid var(--border)" },
  ".cm-textfield": {
    backgroundColor: "var(--bg)",
    color: "var(--fg)",
    border: "1px solid var(--border)",
    borderRadius: "4px",
  },
  ".cm-button": {
    backgroundImage: "none",
    backgroundColor: "var(--button)",
    color: "var(--fg)",
    border: "1px solid var(--border)",
    borderRadius: "4px",
  },
  ".cm-searchMatch": { backgroundColor: "var(--search-match)" },
  ".cm-selectionMatch": { backgroundColor: "var(--selection-match)" },
});

// Reader-error marks: one effect sets them (or clears with null); any edit clears them.
const setErrorMark = StateEffect.define();
const errorMarks = StateField.define({
  create: () => Decoration.none,
  update(marks, tr) {
    for (const e of tr.effects) {
      if (e.is(setErrorMark)) {
        if (e.value === null) return Decoration.none;
        const { from, to } = e.value;
        const ranges = [Decoration.line({ class: "cm-error-line" }).range(tr.state.doc.lineAt(from).from)];
        if (to > from) {
          ranges.push(
            Decoration.mark({ class: "cm-error-mark", attributes: { "data-test-id": "error-mark" } }).range(from, to),
          );
        }
        return Decoration.set(ranges, true);
      }
    }
    return tr.docChanged ? Decoration.none : marks;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/** Create the editor inside `host`. `onRun` is called for Ctrl/Cmd+Enter, `onChange(text)` after edits. */
export function createEditor(host, { doc = "", onRun, onChange, label = "Lisp code" } = {}) {
  const root = host.attachShadow({ mode: "open" });
  const runKeys = [{ key: "Mod-Enter", run: () => (onRun(), true), preventDefault: true }];
  const view = new EditorView({
    root,
    parent: root,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        indentUnit.of("  "),
        StreamLanguage.define(commonLisp),
        syntaxHighlighting(highlight),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        EditorView.lineWrapping,
        highlightSelectionMatches(),
        errorMarks,
        keymap.of([
          ...runKeys,
          // Tab is left alone so keyboard users can move focus out of the editor; Mod-] / Mod-[ indent.
          { key: "Mod-]", run: indentMore },
          { key: "Mod-[", run: indentLess },
          ...closeBracketsKeymap,
          ...defaultKeymap,
          ...searchKeymap,
          ...historyKeymap,
        ]),
        EditorView.contentAttributes.of({ "aria-label": label, "data-test-id": "editor-content" }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged && onChange) onChange(u.state.doc.toString());
        }),
        theme,
      ],
    }),
  });
  return {
    view,
    getCode: () => view.state.doc.toString(),
    setCode(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: { anchor: 0 } });
      view.scrollDOM.scrollTop = 0;
    },
    focus: () => view.focus(),
    /** Mark the place of an error: 1-based line and column (clamped to the document). With `exact`, the token
     * at that place gets a wavy underline (reader errors); otherwise only the line is highlighted (the start of
     * the top-level form that signalled a runtime error). */
    markError(line, column, { exact = true } = {}) {
      const doc = view.state.doc;
      const ln = doc.line(Math.min(Math.max(1, line | 0), doc.lines));
      const from = Math.min(ln.from + Math.max(0, (column | 0) - 1), ln.to);
      let to = from;
      if (exact) {
        while (to < ln.to && !/[\s()]/.test(doc.sliceString(to, to + 1))) to++;
        if (to === from && from < ln.to) to = from + 1;
      }
      const range = exact && to === from && from > ln.from ? { from: from - 1, to: from } : { from, to };
      view.dispatch({ effects: setErrorMark.of(range), selection: { anchor: from }, scrollIntoView: true });
    },
    clearError: () => view.dispatch({ effects: setErrorMark.of(null) }),
  };
}
