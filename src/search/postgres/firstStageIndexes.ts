// What the PostgreSQL engine answers from before its second stage is read (storedStages.ts): the small indexes over
// the first stage (the name index and the position tables; the large indexes come per question, through the scopes),
// and stand-ins that throw PartNotRead for what comes after: the events (the second stage), the role questions' indexes.
// Apart from engine.ts, which takes the second stage in and serves the scopes.
import MiniSearch from "minisearch";
import type { CorpusView } from "../../answer/context.ts";
import { liveIndexes, type Indexes } from "../../answer/indexes.ts";
import type { Postings } from "../../answer/postings.ts";
import { termCounter } from "../../answer/rareLead.ts";
import { indexOptions } from "../../answer/search-index.ts";
import type { KnowledgeBase } from "../../kb/types.ts";
import { PartNotRead } from "../engine.ts";
import type { FirstStage } from "./storedStages.ts";

/** The indexes over the first stage: its events and the role questions' indexes come after (rolesLater). */
export function firstStageIndexes(kb: KnowledgeBase, view: CorpusView, names: FirstStage["names"]): Promise<Indexes> {
  return liveIndexes(kb, view, { postings: emptyPostings(), events: NONE, quotes: NONE, sentences: NONE, sentenceLengths: [] }, { titlesOnUse: true, rolesLater: true, names });
}

/**
 * The view and the indexes as the answers see them until each part after the first stage is taken in: its stand-ins
 * throw PartNotRead with the promise of that part, which an answer waits for: `events()` (the second stage: the
 * events and their places), `roles()` (the role questions' indexes: an answer that calls it asks for them).
 */
export function beforeRest(
  kb: FirstStage["kb"],
  view: CorpusView,
  base: Indexes,
  { events: eventsRead, roles: rolesMade }: { events: () => Promise<void>; roles: () => Promise<void> },
): { view: CorpusView; base: Indexes } {
  // The getter itself throws: a list standing for the events could be kept by what an answer caches per list.
  const events = (): KnowledgeBase["events"] => {
    throw new PartNotRead(eventsRead(), "events");
  };
  // A /who of a name answers without the role questions' indexes; a role question waits for them alone.
  const roles = { descriptions: notRead<Indexes["descriptions"]>(rolesMade, "descriptions"), peopleIn: notRead<Indexes["peopleIn"]>(rolesMade, "people by sentence") };
  return {
    view: { ...view, kb: Object.defineProperty({ ...kb } as KnowledgeBase, "events", { enumerable: true, get: events }) },
    base: { ...base, eventsAt: notRead(eventsRead, "events"), eventPositions: notRead(eventsRead, "events"), ...roles },
  };
}

/** A part not read yet: reading anything of it throws PartNotRead, with the promise of the read it waits for. */
function notRead<T extends object>(read: () => Promise<void>, part: string): T {
  return new Proxy({} as T, {
    get: () => {
      throw new PartNotRead(read(), part);
    },
  });
}

const NONE = { positions: new Int32Array(0), count: 0 };

/** Postings that hold nothing: the scopes supply the large indexes. */
function emptyPostings(): Postings {
  const counter = termCounter((t) => t, { counts: [], documents: 1 });
  return {
    events: new MiniSearch(indexOptions(["text", "context"])),
    eventTerms: counter,
    quotes: new MiniSearch(indexOptions(["text"])),
    sentences: new MiniSearch(indexOptions(["text"])),
    sentenceTerms: counter,
    sentenceLengths: [],
    quoteFrequencies: { counts: [], documents: 0 },
    loaded: Promise.resolve(),
  };
}
