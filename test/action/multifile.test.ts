// A multi-file list (an index README.md and years/*.md): the action annotates a mistake in the year file, with the
// year file's path: `path` is the list's index, and the whole list is checked.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { TempRepo, pushEvent, runAction } from '../support/action';
import { makeTempDir } from '../support/paths';

const anchor = (dates: string) => `top-ai-papers-of-the-week-${dates.toLowerCase().replace(/ /g, '-')}---2026`;
const INDEX = [
  '# AI Papers of the Week',
  '',
  '## 2026',
  '',
  `- [Top AI Papers of the Week (June 15 - June 21)](years/2026.md#${anchor('June 15 - June 21')})`,
  `- [Top AI Papers of the Week (June 8 - June 14)](years/2026.md#${anchor('June 8 - June 14')})`,
  '',
].join('\n');
const row = (n: string, title: string, id: number) =>
  `| ${n} ${title}  What it does. | [Paper](https://arxiv.org/abs/2606.${String(id).padStart(5, '0')}), [Tweet](https://x.com/curator/status/${id}) |`;
const week = (dates: string, rows: string[]) => [`## Top AI Papers of the Week (${dates}) - 2026`, '| **Paper** | **Links** |', '| --- | --- |', ...rows, ''];
const yearFile = (newestRows: string[]) =>
  [
    '# AI Papers of the Week — 2026',
    '',
    '[← Back to main index](../README.md)',
    '',
    ...week('June 15 - June 21', newestRows),
    '---',
    '',
    ...week('June 8 - June 14', [row('1)', 'Gamma Agents', 3), row('2)', 'Delta Planning', 4)]),
  ].join('\n');

describe('a multi-file list', () => {
  let temp: ReturnType<typeof makeTempDir>;
  before(() => {
    temp = makeTempDir('paper-list-action-multi-');
  });
  after(() => temp.remove());

  test('gets the annotation of a new mistake in the year file, with the year file path', async () => {
    const repo = new TempRepo(join(temp.dir, 'repo'));
    repo.write('README.md', INDEX);
    repo.write('years/2026.md', yearFile([row('1)', 'Alpha Routing', 1), row('2)', 'Beta Memory', 2)]));
    const baseSha = repo.commit('Index and 2026');
    const changed = yearFile([row('1)', 'Alpha Routing', 1), row('2)', 'Beta Memory', 2), row('4)', 'Epsilon Search', 5)]);
    repo.write('years/2026.md', changed);
    const headSha = repo.commit('Update years/2026.md');
    const mistakeLine = changed.split('\n').findIndex((l) => l.includes('Epsilon Search')) + 1;

    const run = await runAction({ workspace: repo.dir, eventName: 'push', event: pushEvent(baseSha, headSha), scratch: join(temp.dir, 'run'), sha: headSha });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.annotations.length, 1, run.stdout);
    const [annotation] = run.annotations;
    assert.equal(annotation.properties.file, 'years/2026.md');
    assert.equal(annotation.properties.title, 'paper-list/row-number');
    assert.equal(annotation.properties.line, String(mistakeLine));
    assert.ok(run.summary.includes(`/blob/${headSha}/years/2026.md#L${mistakeLine}"`), run.summary);
  });
});
