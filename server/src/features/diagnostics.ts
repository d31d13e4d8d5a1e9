import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Finding } from '../analysis';
import type { DocumentState } from '../service';
import type { Severity } from '../rules/rule';
import { ruleDocUrl } from '../rules/index';

const SOURCE = 'paper-list';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(uri: string, problem: Finding): Diagnostic {
  return {
    range: problem.range,
    severity: SEVERITY[problem.severity],
    code: problem.rule,
    codeDescription: { href: ruleDocUrl(problem.rule) },
    source: SOURCE,
    message: problem.message,
    relatedInformation: problem.related?.map((r) => ({ location: { uri: r.uri ?? uri, range: r.range }, message: r.message })),
  };
}

/** Each problem's diagnostic, converted once: unchanged weeks keep their problem objects from version to version. */
const converted = new WeakMap<Finding, { readonly uri: string; readonly diagnostic: Diagnostic }>();
const ofState = new WeakMap<DocumentState, Diagnostic[]>();

export function diagnosticsOf(state: DocumentState): Diagnostic[] {
  if (!state.isPaperList) return [];
  let diagnostics = ofState.get(state);
  if (!diagnostics) {
    diagnostics = state.analysis.problems.map((p) => {
      const known = converted.get(p);
      if (known && known.uri === state.uri) return known.diagnostic;
      const diagnostic = toDiagnostic(state.uri, p);
      converted.set(p, { uri: state.uri, diagnostic });
      return diagnostic;
    });
    ofState.set(state, diagnostics);
  }
  return diagnostics;
}

/** Whether an editor-side diagnostic is the one we published for this problem. */
export function isDiagnosticOf(diagnostic: Diagnostic, problem: Finding): boolean {
  return (
    diagnostic.code === problem.rule &&
    diagnostic.message === problem.message &&
    diagnostic.range.start.line === problem.range.start.line &&
    diagnostic.range.start.character === problem.range.start.character
  );
}
