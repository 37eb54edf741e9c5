/**
 * The golden path as one demo: from an empty laptop to a restored backup, told in four chapters
 * made of the runbooks' own steps (bootstrap -> CNOE -> an application deployed by GitOps ->
 * backup and restore). A step id that a runbook no longer has fails the build by name.
 */
import type {DemoDeck, DemoSlide} from './deck';

export interface Chapter {
  title: string;
  runbook: string;
  /** Only these steps of the runbook (in the runbook's order). */
  only?: string[];
  /** Every step of the runbook but these. */
  except?: string[];
}

const GITOPS_STEPS = ['golden-path-push', 'golden-path-deployed'];

export const GOLDEN_PATH = {
  id: 'golden-path',
  title: 'The golden path: from an empty laptop to a restored backup',
  summary:
    'A kind cluster, the CNOE platform on it, an application change deployed by GitOps, and a Velero backup restored after the namespace was deleted.',
  chapters: [
    {title: 'Bootstrap the cluster', runbook: 'bootstrap'},
    {title: 'Install the CNOE platform', runbook: 'cnoe-showtime', except: GITOPS_STEPS},
    {title: 'Deploy an application by GitOps', runbook: 'cnoe-showtime', only: GITOPS_STEPS},
    {title: 'Back up and restore with Velero', runbook: 'velero-backup'},
  ] satisfies Chapter[],
};

/** One deck of the chapters, from each runbook's slides. */
export function chapterDeck(
  about: Pick<DemoDeck, 'id' | 'title' | 'summary'>,
  chapters: Chapter[],
  slidesOfRunbook: (id: string) => DemoSlide[],
): DemoDeck {
  const deck: DemoDeck = {...about, chapters: [], slides: []};
  for (const chapter of chapters) {
    const slides = slidesOfRunbook(chapter.runbook);
    const unknown = [...(chapter.only ?? []), ...(chapter.except ?? [])].filter(
      (id) => !slides.some((slide) => slide.id === id),
    );
    if (unknown.length)
      throw new Error(
        `Demo ${about.id}, chapter "${chapter.title}": ${chapter.runbook} has no step ${unknown.join(', ')}`,
      );
    const picked = slides.filter(
      (slide) => (!chapter.only || chapter.only.includes(slide.id)) && !chapter.except?.includes(slide.id),
    );
    deck.chapters.push({title: chapter.title, first: deck.slides.length});
    deck.slides.push(...picked);
  }
  return deck;
}
