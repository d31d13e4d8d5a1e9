// The CLI as CI runs it: `node dist/cli.js check …` in a child process; exit codes, formats, .paperlistrc.json.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli, type CliResult } from '../support/cli';
import { makeTempDir, samplePath } from '../support/paths';
import type { JsonProblem } from '../../server/src/cli/formats';
import { row } from '../support/lists';

const week = (heading: string, rows: string[]) => [
  `## Top ML Papers of the Week (${heading}) - 2025`,
  '| **Paper** | **Links** |',
  '| --- | --- |',
  ...rows,
  '',
];

const CLEAN = [
  '# Reading list',
  '',
  ...week('June 9 - June 15', [row('1)', 'Alpha Routing', 1), row('2)', 'Beta Memory', 2)]),
  ...week('June 2 - June 8', [row('1)', 'Epsilon Agents', 5)]),
].join('\n');
/** Warnings only: a skipped number. */
const WARNINGS = CLEAN.replace('| 2) **Beta Memory**', '| 3) **Beta Memory**');
/** One error: a placeholder link. */
const ERRORS = CLEAN.replace('https://arxiv.org/abs/2506.00005', 'xxx');

/** No stack trace, and the message is on one line starting with the program name. */
function assertCleanFailure(result: CliResult, message: RegExp): void {
  assert.equal(result.code, 2, `exit 2: ${result.stderr}`);
  assert.doesNotMatch(result.stderr, /^\s+at /m, 'no stack trace');
  const line = result.stderr.split('\n').find((l) => message.test(l));
  assert.ok(line, `stderr has ${message}: ${result.stderr}`);
  assert.match(line, /^paper-list: /);
}

describe('paper-list check', () => {
  let temp: ReturnType<typeof makeTempDir>;
  const file = (name: string, text: string | Buffer) => {
    const path = join(temp.dir, name);
    writeFileSync(path, text);
    return path;
  };
  before(() => {
    temp = makeTempDir();
  });
  after(() => temp.remove());

  describe('exit codes', () => {
    test('0 for a clean list and for warnings only; 1 with an error-severity problem', async () => {
      const clean = await runCli(['check', file('clean.md', CLEAN)]);
      assert.equal(clean.code, 0, clean.stderr);
      assert.equal(clean.stdout, '');
      const warnings = await runCli(['check', file('warnings.md', WARNINGS)]);
      assert.equal(warnings.code, 0);
      assert.match(warnings.stdout, / warning row-number /);
      const errors = await runCli(['check', file('errors.md', ERRORS)]);
      assert.equal(errors.code, 1);
      assert.match(errors.stdout, / error placeholder-link /);
      // One bad file among good ones still fails the run.
      assert.equal((await runCli(['check', join(temp.dir, 'clean.md'), join(temp.dir, 'errors.md')])).code, 1);
    });

    test('2 for bad usage, with the message first and the usage after it', async () => {
      for (const [args, message] of [
        [[], /missing command/],
        [['lint', 'x.md'], /unknown command "lint"/],
        [['check', 'x.md', '--format', 'xml'], /--format needs one of text, json, github, sarif, not "xml"/],
        [['check', 'x.md', '--format'], /--format needs one of/],
        [['check', 'x.md', '--frobnicate'], /unknown option "--frobnicate"/],
      ] as const) {
        const result = await runCli(args);
        assertCleanFailure(result, message);
        assert.match(result.stderr.split('\n')[0], message, 'the message is the first line');
        assert.match(result.stderr, /Usage: paper-list check/);
      }
    });

    test('2 for a missing file, a directory and invalid UTF-8, each named in one line; other files still checked', async () => {
      assertCleanFailure(await runCli(['check', join(temp.dir, 'missing.md')]), /missing\.md: no such file/);
      mkdirSync(join(temp.dir, 'folder.md'), { recursive: true });
      assertCleanFailure(await runCli(['check', join(temp.dir, 'folder.md')]), /folder\.md: is a directory/);
      const invalid = file(
        'latin1.md',
        Buffer.concat([
          Buffer.from('## Top ML Papers of the Week (June 2 - June 8) - 2025\n| 1) **Caf'),
          Buffer.from([0xe9]),
          Buffer.from('** | [Paper](https://a.b/c) |\n'),
        ]),
      );
      assertCleanFailure(await runCli(['check', invalid]), /latin1\.md: is not valid UTF-8/);
      // JSON output stays parseable, and the readable file's problems are still reported.
      const mixed = await runCli(['check', join(temp.dir, 'missing.md'), file('warnings2.md', WARNINGS), '--format', 'json']);
      assertCleanFailure(mixed, /missing\.md: no such file/);
      const problems = JSON.parse(mixed.stdout) as JsonProblem[];
      assert.deepEqual(
        problems.map((p) => p.rule),
        ['row-number'],
      );
    });

    test('a reader that closes the output early (| head) gets the exit status, with no stack trace', async () => {
      const errors = await runCli(['check', file('errors-closed.md', ERRORS)], { closeStdout: true });
      assert.equal(errors.code, 1, errors.stderr);
      assert.doesNotMatch(errors.stderr, /EPIPE|^\s+at /m);
      assert.match(errors.stderr, /1 problem \(1 error\)/, 'the summary still goes to stderr');
      const warnings = await runCli(['check', file('warnings-closed.md', WARNINGS)], { closeStdout: true });
      assert.equal(warnings.code, 0, warnings.stderr);
    });

    test('--help and --version exit 0', async () => {
      const help = await runCli(['--help']);
      assert.equal(help.code, 0);
      assert.match(help.stdout, /Usage: paper-list check/);
      const version = await runCli(['--version']);
      assert.equal(version.code, 0);
      assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+/);
    });
  });

  describe('formats', () => {
    let json: JsonProblem[];
    let path: string;
    let sampleText: string;
    before(async () => {
      path = join(temp.dir, 'papers.md');
      copyFileSync(samplePath, path);
      sampleText = readFileSync(path, 'utf8');
      const result = await runCli(['check', 'papers.md', '--format', 'json'], { cwd: temp.dir });
      assert.equal(result.code, 0, result.stderr);
      json = JSON.parse(result.stdout) as JsonProblem[];
      assert.ok(json.length >= 10, 'the sample has many planted problems');
    });

    test('json: the documented fields, 1-based, pointing at the text they name', () => {
      const lines = sampleText.split('\n');
      for (const p of json) {
        assert.deepEqual(Object.keys(p).sort(), ['column', 'endColumn', 'endLine', 'file', 'fixable', 'line', 'message', 'rule', 'severity']);
        assert.equal(p.file, 'papers.md');
        assert.ok(Number.isInteger(p.line) && p.line >= 1 && p.line <= lines.length);
        assert.ok(Number.isInteger(p.column) && p.column >= 1 && p.column <= lines[p.line - 1].length + 1);
        assert.ok(p.endLine > p.line || (p.endLine === p.line && p.endColumn >= p.column));
        assert.ok(['error', 'warning', 'info', 'hint'].includes(p.severity));
        assert.match(p.rule, /^[a-z]+(-[a-z]+)*$/);
        assert.equal(typeof p.fixable, 'boolean');
      }
      // 1-based: the `5.` problem's column is the `5` itself.
      const dotted = json.find((p) => p.rule === 'row-number' && p.message.includes('"5."'))!;
      assert.ok(dotted);
      assert.equal(lines[dotted.line - 1].slice(dotted.column - 1, dotted.endColumn - 1), '5.');
      assert.equal(dotted.fixable, true);
      assert.equal(json.find((p) => p.rule === 'duplicate-title')!.fixable, false);
    });

    test('text: `file:line:col severity rule message`, the same problems as json', async () => {
      const result = await runCli(['check', 'papers.md'], { cwd: temp.dir });
      const lines = result.stdout.trimEnd().split('\n');
      assert.equal(lines.length, json.length);
      lines.forEach((line, i) => {
        const m = /^(.+):(\d+):(\d+) (error|warning|info|hint) ([a-z-]+) (.+)$/.exec(line);
        assert.ok(m, line);
        const p = json[i];
        assert.deepEqual([m[1], Number(m[2]), Number(m[3]), m[4], m[5]], [p.file, p.line, p.column, p.severity, p.rule]);
        assert.ok(m[6].startsWith(p.message), line);
      });
      assert.match(result.stderr, new RegExp(`^${json.length} problems \\(0 errors\\) in 1 file`, 'm'));
    });

    test('github: one workflow command per problem, severities mapped, properties escaped', async () => {
      const result = await runCli(['check', 'papers.md', '--format', 'github'], { cwd: temp.dir });
      const lines = result.stdout.trimEnd().split('\n');
      assert.equal(lines.length, json.length);
      lines.forEach((line, i) => {
        const m = /^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+)(?:,endLine=\d+,endColumn=\d+)?,title=([a-z-]+)::(.+)$/.exec(line);
        assert.ok(m, line);
        const p = json[i];
        assert.deepEqual(
          [m[1], m[2], Number(m[3]), Number(m[4]), m[5]],
          [p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'notice', p.file, p.line, p.column, p.rule],
        );
        assert.equal(m[6], p.message.replace(/%/g, '%25'));
      });
      // A file name with a comma and a colon must not break the property list.
      const odd = join(temp.dir, 'odd,name:x.md');
      writeFileSync(odd, ERRORS);
      const escaped = await runCli(['check', 'odd,name:x.md', '--format', 'github'], { cwd: temp.dir });
      assert.equal(escaped.code, 1);
      assert.match(escaped.stdout, /^::error file=odd%2Cname%3Ax\.md,line=\d+,col=\d+,.*title=placeholder-link::/m);
    });

    test('sarif: valid SARIF 2.1.0 structure; results match json', async () => {
      const result = await runCli(['check', 'papers.md', '--format', 'sarif'], { cwd: temp.dir });
      const sarif = JSON.parse(result.stdout) as Sarif;
      validateSarif(sarif);
      const results = sarif.runs[0].results;
      assert.equal(results.length, json.length);
      results.forEach((r, i) => {
        const p = json[i];
        const region = r.locations[0].physicalLocation.region;
        assert.deepEqual([r.ruleId, r.message.text, region.startLine, region.startColumn], [p.rule, p.message, p.line, p.column]);
        assert.equal(r.level, { error: 'error', warning: 'warning', info: 'note', hint: 'note' }[p.severity]);
        assert.equal(resolveArtifact(sarif, r.locations[0].physicalLocation.artifactLocation), pathToFileURL(path).href);
      });
      // Duplicates point at the other row.
      const duplicate = results.find((r) => r.ruleId === 'duplicate-paper')!;
      assert.ok(duplicate.relatedLocations && duplicate.relatedLocations.length > 0);
      // Errors map to level error; no problems gives an empty results array, still valid.
      const errors = JSON.parse((await runCli(['check', file('errors-sarif.md', ERRORS), '--format', 'sarif'])).stdout) as Sarif;
      validateSarif(errors);
      assert.deepEqual(
        errors.runs[0].results.map((r) => [r.ruleId, r.level]),
        [['placeholder-link', 'error']],
      );
      const clean = JSON.parse((await runCli(['check', file('clean-sarif.md', CLEAN), '--format', 'sarif'])).stdout) as Sarif;
      validateSarif(clean);
      assert.deepEqual(clean.runs[0].results, []);
    });

    test('sarif: artifact URIs are valid URI references for names with spaces and "#"', async () => {
      mkdirSync(join(temp.dir, 'my lists'), { recursive: true });
      const name = join('my lists', 'week #1.md');
      writeFileSync(join(temp.dir, name), ERRORS);
      const sarif = JSON.parse((await runCli(['check', name, '--format', 'sarif'], { cwd: temp.dir })).stdout) as Sarif;
      validateSarif(sarif);
      const location = sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
      assert.equal(resolveArtifact(sarif, location), pathToFileURL(join(temp.dir, name)).href);
      // And a file outside the working folder gets an absolute file URI.
      const outside = JSON.parse(
        (await runCli(['check', join(temp.dir, name), '--format', 'sarif'], { cwd: join(temp.dir, 'my lists', '..', '..') })).stdout,
      ) as Sarif;
      validateSarif(outside);
    });
  });

  describe('.paperlistrc.json', () => {
    test('next to the file: severity raised to error makes the run fail', async () => {
      const dir = join(temp.dir, 'rc-next');
      mkdirSync(dir, { recursive: true });
      const path = join(dir, 'papers.md');
      writeFileSync(path, WARNINGS);
      assert.equal((await runCli(['check', path])).code, 0);
      writeFileSync(join(dir, '.paperlistrc.json'), JSON.stringify({ rules: { 'row-number': 'error' } }));
      const raised = await runCli(['check', path, '--format', 'json']);
      assert.equal(raised.code, 1);
      assert.deepEqual(
        (JSON.parse(raised.stdout) as JsonProblem[]).map((p) => [p.rule, p.severity]),
        [['row-number', 'error']],
      );
    });

    test('in a parent folder: a rule turned off; the nearest file wins', async () => {
      const parent = join(temp.dir, 'rc-parent');
      const child = join(parent, 'lists', 'deep');
      mkdirSync(child, { recursive: true });
      writeFileSync(join(parent, '.paperlistrc.json'), JSON.stringify({ rules: { 'placeholder-link': 'off' } }));
      const path = join(child, 'papers.md');
      writeFileSync(path, ERRORS);
      const off = await runCli(['check', path, '--format', 'json']);
      assert.equal(off.code, 0, off.stderr);
      assert.deepEqual(JSON.parse(off.stdout), []);
      writeFileSync(join(parent, 'lists', '.paperlistrc.json'), JSON.stringify({ rules: { 'placeholder-link': 'warning' } }));
      const nearer = await runCli(['check', path, '--format', 'json']);
      assert.equal(nearer.code, 0);
      assert.deepEqual(
        (JSON.parse(nearer.stdout) as JsonProblem[]).map((p) => [p.rule, p.severity]),
        [['placeholder-link', 'warning']],
      );
    });

    test('a list without weeks named by "files" is checked for duplicates, placeholder links and broken anchors', async () => {
      const dir = join(temp.dir, 'rc-topics');
      mkdirSync(dir, { recursive: true });
      const path = join(dir, 'topics.md');
      writeFileSync(
        path,
        [
          '# Tiny models by topic',
          '- [Vision](#vision) · [Speech](#speach)',
          '## Vision',
          '| Title | Links |',
          '| --- | --- |',
          '| Acorn Nets | [Paper](https://arxiv.org/abs/2501.70001) |',
          '| Birch Nets | [Paper](TODO) |',
          '## Speech',
          '- [Acorn Nets again](https://arxiv.org/pdf/2501.70001v3) - the same paper, listed twice',
          '',
        ].join('\n'),
      );
      writeFileSync(join(dir, '.paperlistrc.json'), JSON.stringify({ files: ['topics.md'] }));
      const result = await runCli(['check', path, '--format', 'json']);
      assert.equal(result.code, 1, result.stderr);
      assert.deepEqual(
        (JSON.parse(result.stdout) as JsonProblem[]).map((p) => [p.rule, p.line]),
        [
          ['anchor-link', 2],
          ['duplicate-paper', 6],
          ['placeholder-link', 7],
          ['duplicate-paper', 9],
        ],
      );
    });

    test('invalid JSON is a clean exit 2; an unknown rule is a warning', async () => {
      const dir = join(temp.dir, 'rc-bad');
      mkdirSync(dir, { recursive: true });
      const path = join(dir, 'papers.md');
      writeFileSync(path, CLEAN);
      writeFileSync(join(dir, '.paperlistrc.json'), '{ "rules": ');
      assertCleanFailure(await runCli(['check', path]), /\.paperlistrc\.json: cannot read settings: invalid JSON/);
      writeFileSync(join(dir, '.paperlistrc.json'), JSON.stringify({ rules: { 'row-numbers': 'off' } }));
      const unknown = await runCli(['check', path]);
      assert.equal(unknown.code, 0);
      assert.match(unknown.stderr, /Unknown rule "row-numbers"/);
    });

    test('--config overrides the nearest file', async () => {
      const dir = join(temp.dir, 'rc-explicit');
      mkdirSync(dir, { recursive: true });
      const path = join(dir, 'papers.md');
      writeFileSync(path, WARNINGS);
      const config = join(temp.dir, 'strict.json');
      writeFileSync(config, JSON.stringify({ rules: { 'row-number': 'error' } }));
      assert.equal((await runCli(['check', path, '--config', config])).code, 1);
      assertCleanFailure(await runCli(['check', path, '--config', join(temp.dir, 'no-such.json')]), /no-such\.json: cannot read settings/);
    });
  });
});

// A structural check of the SARIF 2.1.0 fields that consumers (GitHub code scanning) require.
interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId?: string };
    region: { startLine: number; startColumn?: number; endLine?: number; endColumn?: number };
  };
}
interface Sarif {
  version: string;
  $schema?: string;
  runs: {
    tool: { driver: { name: string; version?: string; rules?: { id: string }[] } };
    originalUriBaseIds?: Record<string, { uri: string }>;
    results: {
      ruleId: string;
      ruleIndex?: number;
      level?: string;
      message: { text: string };
      locations: SarifLocation[];
      relatedLocations?: (SarifLocation & { message?: { text: string } })[];
    }[];
  }[];
}

function validateSarif(sarif: Sarif): void {
  assert.equal(sarif.version, '2.1.0');
  if (sarif.$schema !== undefined) assert.match(sarif.$schema, /sarif.*2\.1\.0/);
  assert.ok(Array.isArray(sarif.runs) && sarif.runs.length >= 1, 'runs');
  for (const run of sarif.runs) {
    assert.equal(typeof run.tool?.driver?.name, 'string');
    assert.ok(run.tool.driver.name.length > 0);
    const rules = run.tool.driver.rules ?? [];
    for (const rule of rules) assert.equal(typeof rule.id, 'string');
    assert.equal(new Set(rules.map((r) => r.id)).size, rules.length, 'rule ids are unique');
    for (const base of Object.values(run.originalUriBaseIds ?? {})) assert.match(base.uri, /^[a-z]+:.*\/$/, 'base URIs are absolute and end with /');
    assert.ok(Array.isArray(run.results), 'results');
    for (const result of run.results) {
      assert.equal(typeof result.ruleId, 'string');
      assert.equal(typeof result.message?.text, 'string');
      assert.ok(result.message.text.length > 0);
      if (result.level !== undefined) assert.ok(['none', 'note', 'warning', 'error'].includes(result.level), result.level);
      if (result.ruleIndex !== undefined) assert.equal(rules[result.ruleIndex]?.id, result.ruleId);
      assert.ok(Array.isArray(result.locations) && result.locations.length >= 1);
      for (const location of [...result.locations, ...(result.relatedLocations ?? [])]) {
        const { artifactLocation, region } = location.physicalLocation;
        assert.equal(typeof artifactLocation.uri, 'string');
        assertUriReference(artifactLocation.uri);
        if (artifactLocation.uriBaseId !== undefined)
          assert.ok(run.originalUriBaseIds?.[artifactLocation.uriBaseId], `uriBaseId ${artifactLocation.uriBaseId} is declared`);
        assert.ok(Number.isInteger(region.startLine) && region.startLine >= 1, 'startLine');
        if (region.startColumn !== undefined) assert.ok(Number.isInteger(region.startColumn) && region.startColumn >= 1);
        if (region.endLine !== undefined) assert.ok(region.endLine >= region.startLine);
      }
    }
  }
}

/** RFC 3986 URI reference: no spaces or other characters that must be percent-encoded, no raw "#" in a path. */
function assertUriReference(uri: string): void {
  assert.match(uri, /^[A-Za-z0-9\-._~:/?@!$&'()*+,;=%]*$/, `${uri} is a valid URI reference`);
  assert.doesNotMatch(uri, /%(?![0-9A-Fa-f]{2})/, `${uri} has only valid percent-escapes`);
}

function resolveArtifact(sarif: Sarif, location: { uri: string; uriBaseId?: string }): string {
  const base = location.uriBaseId ? sarif.runs[0].originalUriBaseIds![location.uriBaseId].uri : undefined;
  return new URL(location.uri, base).href;
}
