import { analyze } from '../server/src/analysis';
import { DEFAULT_SETTINGS } from '../server/src/settings';
import { githubSlug } from '../server/src/model/urls';
import { doc, rows, week } from '../test/unit/helpers';
const heading = (dates: string) => `Top ML Papers of the Week (${dates})`;
const entry = (dates: string, anchor = githubSlug(heading(dates))) => `- [${heading(dates)}](#${anchor})`;
const text = doc('# List','',entry('Feb 20 - 26'),entry('Feb 13 - 20'),entry('Feb 6 - 12', 'nowhere'),entry('Jan 30 - Feb 5'),'',week('Feb 20 - 26', rows(1, 'First')),week('Feb 13 - 20', rows(1, 'Second')),week('Feb 6 - 12', rows(1, 'Third')),week('Jan 30 - Feb 5', rows(1, 'Fourth')));
text.split('\n').forEach((l,i)=>console.log(i,l.slice(0,70)));
for (const p of analyze(text, DEFAULT_SETTINGS).problems) console.log(p.rule, p.range.start.line, p.message.slice(0,90), JSON.stringify(p.fix?.edits.map(e=>e.range.start.line)), JSON.stringify(p.suggestions?.map(s=>s.edits.map(e=>e.range.start.line))), p.related?.map(r=>r.range.start.line));
