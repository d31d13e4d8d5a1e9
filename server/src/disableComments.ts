// Disable comments: which problems the document's own comments turn off.
import type { DisableComment } from './model/sectionIndex';

/** `<!-- paper-list-disable rule -->` … `<!-- paper-list-enable rule -->`, `-disable-next-line`, `-disable-line`. */
export function disabledFilter(comments: readonly DisableComment[]): (rule: string, line: number) => boolean {
  if (comments.length === 0) return () => false;
  return (rule, line) => {
    let disabled = false;
    for (const c of comments) {
      const applies = c.rules.length === 0 || c.rules.includes(rule);
      if (!applies) continue;
      if (c.kind === 'disable-next-line' && c.line + 1 === line) return true;
      if (c.kind === 'disable-line' && c.line === line) return true;
      if (c.line > line) break;
      if (c.kind === 'disable') disabled = true;
      else if (c.kind === 'enable') disabled = false;
    }
    return disabled;
  };
}
