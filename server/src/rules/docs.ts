// What is generated from the rule registry, so documentation and settings cannot drift from it (unit tests compare
// both; `npm run docs` rewrites them): the README's rule table and package.json's `paperList.rules.<rule>` settings.
import { RULES } from './index';

export function rulesMarkdownTable(): string {
  const rows = RULES.map((r) => `| <a id="rules-${r.name}"></a>\`${r.name}\` | ${r.description} | ${r.defaultSeverity} | ${r.fix ?? '—'} |`);
  return ['| rule | checks that | default | fix |', '|---|---|---|---|', ...rows].join('\n');
}

const LEVEL_DESCRIPTIONS: Readonly<Record<string, string>> = {
  off: 'Not checked.',
  hint: 'Shown as a hint (faded, not in the Problems panel).',
  info: 'Shown as information.',
  warning: 'Shown as a warning.',
  error: 'Shown as an error.',
};

/** package.json `contributes.configuration.properties` entries, one per rule. */
export function ruleSettingsSchema(): Record<string, object> {
  return Object.fromEntries(
    RULES.map((r) => [
      `paperList.rules.${r.name}`,
      {
        type: 'string',
        enum: Object.keys(LEVEL_DESCRIPTIONS),
        enumDescriptions: Object.values(LEVEL_DESCRIPTIONS),
        default: r.defaultSeverity,
        scope: 'resource',
        markdownDescription: `\`${r.name}\`: ${r.description} Default: \`${r.defaultSeverity}\`.`,
      },
    ]),
  );
}
