// The README's rule table, generated from the registry so the two cannot drift (a unit test compares them).
import { RULES } from './index';

export function rulesMarkdownTable(): string {
  const rows = RULES.map((r) => `| <a id="rules-${r.name}"></a>\`${r.name}\` | ${r.description} | ${r.defaultSeverity} | ${r.fix ?? '—'} |`);
  return ['| rule | checks that | default | fix |', '|---|---|---|---|', ...rows].join('\n');
}

if (require.main === module) process.stdout.write(rulesMarkdownTable() + '\n');
