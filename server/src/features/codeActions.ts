import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver-protocol';
import type { Fix } from '../rules/rule';
import type { DocumentState } from '../service';
import { renumberWeekAt } from './renumberWeek';
import { isDiagnosticOf, toDiagnostic } from './diagnostics';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.paperList`;

function wants(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** The WorkspaceEdit changes of a fix: its own file's edits and those in other files of the list. */
export function changesOf(uri: string, fix: Pick<Fix, 'edits' | 'otherFiles'>): { [uri: string]: TextEdit[] } {
  const changes: { [uri: string]: TextEdit[] } = { [uri]: [...fix.edits] };
  for (const other of fix.otherFiles ?? []) changes[other.uri] = [...(changes[other.uri] ?? []), ...other.edits];
  return changes;
}

/** `fixAll` computes the document's fix-all (edits by file URI) on demand: only the source action asks for it. */
export function codeActions(state: DocumentState, params: CodeActionParams, fixAll: () => { [uri: string]: TextEdit[] }): CodeAction[] {
  if (!state.isPaperList) return [];
  const { uri } = state;
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const edit = (fix: Pick<Fix, 'edits' | 'otherFiles'>) => ({ changes: changesOf(uri, fix) });
  const first = params.range.start.line;
  const last = params.range.end.line;
  if (wants(only, CodeActionKind.QuickFix)) {
    // Two problems can offer the same edit (a row that is both a duplicate title and a duplicate paper offers
    // "Remove this row" twice): one action, listing both diagnostics.
    const byEdit = new Map<string, CodeAction>();
    const offer = (fix: Fix, preferred: boolean, diagnostic: Diagnostic) => {
      const key = `${fix.title}\n${JSON.stringify([fix.edits, fix.otherFiles])}`;
      const known = byEdit.get(key);
      if (known) {
        if (!known.diagnostics!.includes(diagnostic)) known.diagnostics!.push(diagnostic);
        known.isPreferred ||= preferred;
        return;
      }
      const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: preferred, edit: edit(fix) };
      byEdit.set(key, action);
      actions.push(action);
    };
    const disables: CodeAction[] = [];
    for (const problem of state.analysis.problems) {
      if (problem.range.end.line < first || problem.range.start.line > last) continue;
      const diagnostic: Diagnostic = params.context.diagnostics.find((d) => isDiagnosticOf(d, problem)) ?? toDiagnostic(uri, problem);
      if (problem.fix) offer(problem.fix, true, diagnostic);
      for (const suggestion of problem.suggestions ?? []) offer(suggestion, false, diagnostic);
      const disable = disableForLine(state, problem.rule, problem.range.start.line);
      const key = `${disable.title}\n${JSON.stringify(disable.edits)}`;
      if (!byEdit.has(key)) {
        const action: CodeAction = { title: disable.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: edit(disable) };
        byEdit.set(key, action);
        disables.push(action);
      } else byEdit.get(key)!.diagnostics!.push(diagnostic);
    }
    // After the fixes, as vscode-eslint orders them.
    actions.push(...disables);
  }
  if (wants(only, CodeActionKind.RefactorRewrite)) {
    const renumber = renumberWeekAt(state.analysis.list, first, true);
    if (renumber) {
      const fix = renumber.fix;
      actions.push(
        fix
          ? { title: 'Renumber this week', kind: CodeActionKind.RefactorRewrite, edit: edit(fix) }
          : { title: 'Renumber this week', kind: CodeActionKind.RefactorRewrite, disabled: { reason: 'The week is already numbered 1..N' } },
      );
    }
  }
  // Fix-all is offered when asked for (on save, or the source action menu), not in every lightbulb.
  if (only && (wants(only, FIX_ALL_KIND) || only.includes(CodeActionKind.Source))) {
    const changes = fixAll();
    if (Object.values(changes).some((edits) => edits.length > 0)) actions.push({ title: 'Fix all Paper List problems', kind: FIX_ALL_KIND, edit: { changes } });
  }
  return actions;
}

/**
 * "Disable <rule> for this line": a `<!-- paper-list-disable-line rule -->` at the end of the line (invisible in
 * rows, list items and prose), except on a week heading, where a comment would change the heading's anchor: there a
 * `<!-- paper-list-disable-next-line rule -->` line goes above it.
 */
function disableForLine(state: DocumentState, rule: string, line: number): Fix {
  const list = state.analysis.list;
  const title = `Disable ${rule} for this line`;
  const eol = list.lines.eol;
  if (list.weeks.some((w) => w.headingLine === line))
    return {
      title,
      edits: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `<!-- paper-list-disable-next-line ${rule} -->${eol}` }],
    };
  const text = list.lines.line(line);
  const end = text.trimEnd().length;
  // A line that already silences other rules gets this one added to its comment.
  const existing = /<!--\s*paper-list-disable-line\b([^<>]*?)\s*-->\s*$/.exec(text);
  if (existing) {
    const at = existing.index + existing[0].indexOf(existing[1]) + existing[1].length;
    return { title, edits: [{ range: { start: { line, character: at }, end: { line, character: at } }, newText: `${existing[1].trim() ? ',' : ''} ${rule}` }] };
  }
  return {
    title,
    edits: [{ range: { start: { line, character: end }, end: { line, character: end } }, newText: ` <!-- paper-list-disable-line ${rule} -->` }],
  };
}
