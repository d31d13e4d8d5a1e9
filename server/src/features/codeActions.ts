import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver-protocol';
import type { FixAllResult } from '../fixAll';
import type { DocumentState } from '../service';
import { renumberWeekAt } from './renumberWeek';
import { isDiagnosticOf, toDiagnostic } from './diagnostics';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.paperList`;

function wants(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** `fixAll` computes the document's fix-all on demand: only the source action asks for it. */
export function codeActions(state: DocumentState, params: CodeActionParams, fixAll: () => FixAllResult): CodeAction[] {
  if (!state.isPaperList) return [];
  const { uri } = state;
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const edit = (edits: readonly TextEdit[]) => ({ changes: { [uri]: [...edits] } });
  const first = params.range.start.line;
  const last = params.range.end.line;
  if (wants(only, CodeActionKind.QuickFix)) {
    for (const problem of state.analysis.problems) {
      if (problem.range.end.line < first || problem.range.start.line > last) continue;
      const diagnostic: Diagnostic = params.context.diagnostics.find((d) => isDiagnosticOf(d, problem)) ?? toDiagnostic(uri, problem);
      if (problem.fix)
        actions.push({ title: problem.fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: edit(problem.fix.edits) });
      for (const suggestion of problem.suggestions ?? [])
        actions.push({ title: suggestion.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: false, edit: edit(suggestion.edits) });
    }
  }
  if (wants(only, CodeActionKind.RefactorRewrite)) {
    const renumber = renumberWeekAt(state.analysis.list, first, true);
    if (renumber) {
      const fix = renumber.fix;
      actions.push(
        fix
          ? { title: 'Renumber this week', kind: CodeActionKind.RefactorRewrite, edit: edit(fix.edits) }
          : { title: 'Renumber this week', kind: CodeActionKind.RefactorRewrite, disabled: { reason: 'The week is already numbered 1..N' } },
      );
    }
  }
  // Fix-all is offered when asked for (on save, or the source action menu), not in every lightbulb.
  if (only && (wants(only, FIX_ALL_KIND) || only.includes(CodeActionKind.Source))) {
    const result = fixAll();
    if (result.edits.length > 0) actions.push({ title: 'Fix all Paper List problems', kind: FIX_ALL_KIND, edit: edit(result.edits) });
  }
  return actions;
}
