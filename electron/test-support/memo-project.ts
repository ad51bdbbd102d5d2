// A project like the one behind the seed memo, for memo rendering and export tests: the memo's
// judgements (Table 2), two interviews cited by role (one with an identity that must never
// leave the app), the literature the memo cites, an excerpt, and evidence with a locator.
import { join } from 'node:path';
import { recordAssessment } from '../coding/assessments-service.js';
import { createExcerpt } from '../coding/excerpts-service.js';
import { importAssessmentsCsv } from '../coding/import-assessments.js';
import { importPastedText, setIdentity, updateDocument } from '../documents/document-service.js';
import { getFramework } from '../framework/framework-service.js';
import { createProject } from '../project/open-project.js';
import type { Project } from '../project/project.js';
import { createReference } from '../references/reference-service.js';
import { memoCsv } from './memo-table2.js';
import { testAuthor } from './tmp.js';

export const SECRET_NAME = 'Rustam Qodirov';
export const HOSTILE_TITLE = '<script>alert("x")</script> & <img src=x onerror=alert(1)> Erosion';

export interface MemoProject {
  project: Project;
  keys: { markowitz: string; watts: string; dedanieli: string; hostile: string; ngo: string; police: string };
  excerptId: string;
}

export async function memoProject(dir: string, name = 'memo.fieldcoder'): Promise<MemoProject> {
  const { project } = await createProject(join(dir, name), testAuthor, { name: 'Tajikistan' });
  importAssessmentsCsv(project, memoCsv());

  const quote = 'each respective [security] agency functions as an individual silo that only protects its interests';
  const text = `Q: How do agencies cooperate?\nA: In practice ${quote}. ${SECRET_NAME} told me so in Dushanbe.`;
  const ngo = importPastedText(project, `Interview ${SECRET_NAME}`, text, 'interview').document!;
  updateDocument(project, ngo.id, { pseudonym: 'R07', role: 'NGO team leader', place: 'Dushanbe', interviewDate: '2016-05-11' });
  setIdentity(project, { documentId: ngo.id, realName: SECRET_NAME, contact: '+992 00 000 0000', notes: '' });
  const police = importPastedText(project, 'Interview 2', 'The border is porous.', 'interview').document!;
  updateDocument(project, police.id, { pseudonym: 'R12', role: 'law-enforcement official', place: 'Khorog', interviewDate: '2016-06-02' });

  const start = [...text].length - [...text.slice(text.indexOf(quote))].length;
  const excerpt = createExcerpt(project, { documentId: ngo.id, start, end: start + [...quote].length, codeIds: [] });

  const markowitz = createReference(project, {
    type: 'book',
    title: 'State Erosion: Unlootable Resources and Unruly Elites in Central Asia',
    author: [{ family: 'Markowitz', given: 'Lawrence P.' }],
    publisher: 'Cornell University Press',
    'publisher-place': 'Ithaca',
    issued: { 'date-parts': [[2013]] },
  });
  const watts = createReference(project, {
    type: 'report',
    title: 'Countering Others’ Insurgencies',
    author: [{ family: 'Watts', given: 'Stephen' }],
    publisher: 'RAND Corporation',
    'publisher-place': 'Santa Monica',
    issued: { 'date-parts': [[2015]] },
  });
  const dedanieli = createReference(project, {
    type: 'article-journal',
    title: 'Beyond the drug-terror nexus: Drug trafficking and state-crime relations in Central Asia',
    author: [{ family: 'De Danieli', given: 'Filippo' }],
    'container-title': 'International Journal of Drug Policy',
    volume: '25',
    issue: '6',
    page: '1235-1240',
    issued: { 'date-parts': [[2014]] },
  });
  const hostile = createReference(project, {
    type: 'book',
    title: HOSTILE_TITLE,
    author: [{ family: 'Mallory' }],
    issued: { 'date-parts': [[2020]] },
  });

  const fw = getFramework(project);
  const sughd = fw.units.find((u) => u.name === 'Sughd Province')!;
  const period = fw.periods.find((p) => p.name.startsWith('2005'))!;
  const capability = fw.dimensions.find((d) => d.name === 'Capability')!;
  recordAssessment(project, {
    unitId: sughd.id,
    periodId: period.id,
    dimensionId: capability.id,
    levelId: capability.levels.find((l) => l.name === 'high')!.id,
    rationale: 'Professionalised security services.',
    evidence: [{ excerptId: excerpt.id }, { referenceId: markowitz.id, locator: 'p. 24' }],
  });
  return {
    project,
    keys: {
      markowitz: markowitz.citationKey,
      watts: watts.citationKey,
      dedanieli: dedanieli.citationKey,
      hostile: hostile.citationKey,
      ngo: 'int-R07',
      police: 'int-R12',
    },
    excerptId: excerpt.id,
  };
}

/** A memo body like the seed memo: argument, Table 1, Table 2, interview evidence, footnotes. */
export function seedLikeMemo(m: MemoProject): string {
  const k = m.keys;
  return `# Conceptual framework

State capacity to respond to the nexus can be analysed across two dimensions[@${k.markowitz}, p. 24].

{{outcomes caption="Outcomes of State Capacities"}}

# Assessing the state response in Tajikistan

As one NGO team leader noted, protection is selective[@${k.ngo}]. Border patrols lack equipment[@${k.police}; see @${k.watts}, ch. 2].
Seizures vary by agency[@${k.dedanieli}, 1236].

{{matrix caption="Periodization and Subnational Cases of State Capacities"}}

{{excerpt id=${m.excerptId}}}

{{evidence unit="Sughd Province" period=2005-2010}}

A hostile title[@${k.hostile}] and a missing key[@nokey].
`;
}
