import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rulesMarkdownTable, ruleSettingsSchema } from '../../server/src/rules/docs';
import { RULES } from '../../server/src/rules/index';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const packageJson = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));

test('the README rule table is the one generated from the rule registry', () => {
  const start = readme.indexOf('<!-- rules-table');
  const end = readme.indexOf('<!-- end rules-table -->');
  assert.ok(start !== -1 && end > start, 'README has the rules-table markers');
  const table = readme.slice(readme.indexOf('\n', start) + 1, end).trim();
  assert.equal(table, rulesMarkdownTable(), 'run `npm run docs` and paste its output into README.md');
});

test('every rule has a setting in package.json with its default severity', () => {
  const properties =
    packageJson.contributes?.configuration?.properties ??
    Object.assign({}, ...(packageJson.contributes?.configuration ?? []).map((c: { properties: object }) => c.properties));
  for (const rule of RULES) {
    const setting = properties[`paperList.rules.${rule.name}`];
    assert.ok(setting, `package.json contributes paperList.rules.${rule.name}`);
    assert.equal(setting.default, rule.defaultSeverity, `default of paperList.rules.${rule.name}`);
  }
});

test('package.json rule settings are the ones generated from the rule registry', () => {
  const properties = packageJson.contributes.configuration.properties;
  for (const [key, schema] of Object.entries(ruleSettingsSchema())) assert.deepEqual(properties[key], schema, `${key}: run npm run docs`);
  const ruleKeys = Object.keys(properties).filter((key) => key.startsWith('paperList.rules.'));
  assert.deepEqual(ruleKeys.sort(), Object.keys(ruleSettingsSchema()).sort(), 'no setting for a rule that does not exist');
});

test('every contributed command and setting is documented in the README', () => {
  const commands: { command: string }[] = packageJson.contributes?.commands ?? [];
  for (const { command } of commands) assert.ok(readme.includes(`\`${command}\``), `README documents ${command}`);
  const properties =
    packageJson.contributes?.configuration?.properties ??
    Object.assign({}, ...(packageJson.contributes?.configuration ?? []).map((c: { properties: object }) => c.properties));
  for (const key of Object.keys(properties)) {
    const documented = key.startsWith('paperList.rules.') ? readme.includes('`paperList.rules.<rule>`') : readme.includes(`\`${key}\``);
    assert.ok(documented, `README documents ${key}`);
  }
});
