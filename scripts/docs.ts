// `npm run docs`: rewrites the README's rule table and package.json's rule settings from the rule registry.
import { readFileSync, writeFileSync } from 'node:fs';
import { rulesMarkdownTable, ruleSettingsSchema } from '../server/src/rules/docs';

const readme = readFileSync('README.md', 'utf8');
const start = readme.indexOf('<!-- rules-table');
const end = readme.indexOf('<!-- end rules-table -->');
if (start === -1 || end < start) throw new Error('README.md has no <!-- rules-table --> … <!-- end rules-table --> markers');
const tableStart = readme.indexOf('\n', start) + 1;
writeFileSync('README.md', readme.slice(0, tableStart) + rulesMarkdownTable() + '\n' + readme.slice(end));

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const properties: Record<string, unknown> = pkg.contributes.configuration.properties;
const rules = ruleSettingsSchema();
// Rule settings replace the old ones in place; the other settings keep their order after them.
const others = Object.entries(properties).filter(([key]) => !key.startsWith('paperList.rules.'));
const first = Object.keys(properties).findIndex((key) => key.startsWith('paperList.rules.'));
const at = first === -1 ? others.length : first;
pkg.contributes.configuration.properties = Object.fromEntries([...others.slice(0, at), ...Object.entries(rules), ...others.slice(at)]);
writeFileSync('package.json', JSON.stringify(pkg, null, 2) + '\n');
console.log('README.md rule table and package.json rule settings regenerated');
