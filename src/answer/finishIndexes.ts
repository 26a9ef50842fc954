// The Indexes the answers read, made from a plan (indexPlan.ts): the title terms worked out on first read, the rare
// leads, the saving of a built set, and what a loaded set leaves for after its first answers.
import type { KnowledgeBase } from "../kb/types.ts";
import type { CorpusView } from "./context.ts";
import type { Indexes, SavedIndexes } from "./indexes.ts";
import { articleAt, titleTermsOf, titleTermsWarmed, type Plan } from "./indexPlan.ts";
import { firstUses, type Postings } from "./postings.ts";
import { NameIndex } from "./name-index.ts";
import { runInSlices } from "../util/slices.ts";
import { positioned } from "./positioned.ts";
import type { RareLead, SavedCounts } from "./rareLead.ts";
import { idfWeights, shareOf, type Frequencies } from "./search-index.ts";

export function finish(kb: KnowledgeBase, view: CorpusView, plan: Plan, names = new NameIndex(kb.people)): Indexes {
  const { postings, live } = plan;
  // Restored counters count nothing already (and asking a loaded index its size would load it now).
  if (!live && !plan.restored) {
    postings.sentenceTerms.done(postings.sentences.documentCount);
    postings.eventTerms.done(postings.events.documentCount);
  }
  // Tokenising and stemming every title (a tenth of a second at 10,000 articles) and the term counts' maps are not
  // needed by a first answer: a loaded set makes them once its large indexes are loaded (or when first asked for).
  if (plan.restored) void postings.loaded.then(() => warmUp(kb, postings, () => plan.loadDescriptions?.()));
  // Each article's title terms by article order: /when reads the title of every candidate that lacks a word.
  const titles: (readonly string[] | undefined)[] = [];
  const { sentenceCount: total } = plan.indexes;
  return {
    ...plan.indexes,
    titleTermsAt: (position) => {
      if (!(position >= 0 && position < total)) return undefined;
      const at = articleAt(plan.articleStarts, position);
      const article = kb.articles[at];
      return article && (titles[at] ??= titleTermsOf(article));
    },
    descriptions: positioned(plan.descriptions),
    events: positioned(postings.events, live?.events),
    quotes: positioned(postings.quotes, live?.quotes),
    sentences: positioned(postings.sentences, live?.sentences),
    names,
    sentenceLead: sentenceLead(plan),
    eventLead: { share: postings.eventTerms.share },
    quoteWeight: idfWeights(postings.quoteFrequencies),
    quoteLead: { share: shareOf(postings.quoteFrequencies) },
    sentenceIdf: postings.sentenceTerms.idf,
    postings,
    saved: () => {
      // A live corpus's index ids are its own, not the positions a restart would load them under.
      if (live) throw new Error("indexes: a live corpus's indexes are not saved (the next start builds its own)");
      // Each section made when it is read (and again if read again): a saver that writes one at a time holds one
      // index's plain copy at a time, not all four beside the indexes themselves.
      return madeOnRead({
        descriptions: () => plan.descriptions.toJSON(),
        events: () => postings.events.toJSON(),
        quotes: () => postings.quotes.toJSON(),
        sentences: () => postings.sentences.toJSON(),
        eventTerms: () => postings.eventTerms.saved(),
        sentenceTerms: () => postings.sentenceTerms.saved(),
        quoteFrequencies: () => asSaved(postings.quoteFrequencies),
        names: () => names.saved(),
      });
    },
  };
}

/** What a loaded set leaves for after its first answers, made in slices (each part is also made when first used). */
async function warmUp(kb: KnowledgeBase, postings: Postings, descriptions: () => void): Promise<void> {
  try {
    descriptions();
  } catch {
    // reported by the role question that needs it (loadOnUse throws the same error again)
  }
  for (const counter of [postings.sentenceTerms, postings.eventTerms]) await runInSlices(counter.warm());
  await runInSlices(firstUses(postings));
  await runInSlices(titleTermsWarmed(kb));
}

function madeOnRead(make: { [K in keyof SavedIndexes]: () => SavedIndexes[K] }): SavedIndexes {
  const saved = {} as SavedIndexes;
  for (const [name, section] of Object.entries(make)) Object.defineProperty(saved, name, { enumerable: true, get: section });
  return saved;
}

const asSaved = ({ counts, documents }: Frequencies): SavedCounts => ({ counts: counts instanceof Map ? [...counts] : (counts as [string, number][]), documents });

/**
 * The lead of the sentence index. A saved sentence index fills its lengths as it loads, so reading them (as /when
 * does to rank events by their sentence, before it searches the sentences) loads it first: else a warm start would
 * rank differently until it had loaded.
 */
function sentenceLead({ postings, live, restored }: Plan): RareLead {
  const share = postings.sentenceTerms.share;
  if (live || !restored) return { share, lengths: live?.sentenceLengths ?? postings.sentenceLengths };
  let loaded = false;
  return {
    share,
    get lengths() {
      if (!loaded) void postings.sentences.documentCount;
      loaded = true;
      return postings.sentenceLengths;
    },
  };
}
