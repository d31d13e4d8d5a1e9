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
    for (const problem of state.analysis.problems) {
      if (problem.range.end.line < first || problem.range.start.line > last) continue;
      const diagnostic: Diagnostic = params.context.diagnostics.find((d) => isDiagnosticOf(d, problem)) ?? toDiagnostic(uri, problem);
      if (problem.fix)
        actions.push({ title: problem.fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: edit(problem.fix) });
      for (const suggestion of problem.suggestions ?? [])
        actions.push({ title: suggestion.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: false, edit: edit(suggestion) });
    }
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
