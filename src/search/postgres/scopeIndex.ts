// One index (sentences, events or quotes) of a question's scope as the answers see it: a small MiniSearch index over
// the documents of that kind read for the question so far, scored with the whole corpus's statistics (scope.ts says
// what is read when). A search that needs what is not fetched yet notes it (scopeFetches.ts) and stops the run,
// which runs again once it is fetched.
import type { SearchOptions } from "minisearch";
import { positioned, type SearchIndex } from "../../answer/positioned.ts";
import type { TermDocuments } from "../../answer/postingLists.ts";
import { indexTerm, indexTokenize } from "../../answer/text.ts";
import { storedDocument } from "./engineDocument.ts";
import type { PostgresEngine } from "./engine.ts";
import type { ScopeFetches } from "./scopeFetches.ts";
import { LAYOUT, type Kind, type Lookup } from "./scopeLookups.ts";
import { ScopeMatches } from "./scopeMatches.ts";
import { subsetIndex, type SubsetDocument } from "./subsetIndex.ts";

/**
 * A word looked up among candidates has its documents' ids fetched (its postings row: about 0.2 µs an id) once that
 * costs less than reading each candidate's terms from its text (some 15 µs each): at once when it is in few
 * documents, otherwise after this many candidates were read for it in one question.
 */
const FETCH_RATHER_THAN_READ = 2000;
const READ_PER_FETCHED = 1000;

export class ScopeIndex {
  /** The documents read so far (their terms, from memory). */
  private readonly docs = new Map<number, SubsetDocument>();
  /** The terms the small index holds postings for, and the index over the documents so far (until either grows). */
  private readonly terms = new Set<string>();
  private subset: SearchIndex | undefined;
  /** Candidates read for a word looked up among them, by word: past a share of its documents, it is fetched. */
  private readonly reads = new Map<string, number>();
  /** The documents an AND search finds, told from its words' postings (documentsMatching). */
  private readonly matches: ScopeMatches;

  constructor(
    private readonly kind: Kind,
    private readonly engine: PostgresEngine,
    private readonly fetches: ScopeFetches,
  ) {
    this.matches = new ScopeMatches(kind, engine, fetches);
  }

  /** New counts: the small index's document frequencies are out of date. */
  invalidate(): void {
    this.subset = undefined;
  }

  /** Makes the small index hold `terms`' postings. */
  private hold(terms: Iterable<string>): void {
    for (const t of terms) {
      this.fetches.countsOf(t);
      if (this.terms.has(t)) continue;
      this.terms.add(t);
      this.subset = undefined;
    }
  }

  private index(): SearchIndex {
    const { kind } = this;
    const stats = this.engine.stats;
    const fieldLengths = { sentences: [stats.sentenceLength], events: [stats.eventText, stats.eventContext], quotes: [stats.quoteLength] }[kind];
    return (this.subset ??= positioned(
      subsetIndex(this.docs.values(), this.terms, LAYOUT[kind].options, {
        documentCount: this.engine.documentCount(kind),
        fieldLengths,
        documentFrequency: (term, field) => this.fetches.counts.get(term)?.[LAYOUT[kind].fields[field] as number] ?? 0,
      }),
    ));
  }

  /**
   * The document `id` (its terms read from its text); one whose text is not fetched yet holds nothing in this run
   * (which is run again), and is not kept.
   */
  private docOf(id: number): SubsetDocument {
    let doc = this.docs.get(id);
    if (!doc) {
      doc = storedDocument(this.engine, this.kind, id, (position) => this.fetches.textAt(position));
      if (!doc) return { id, fields: [] };
      this.docs.set(id, doc);
      this.subset = undefined;
    }
    return doc;
  }

  /** The places in a holding (the index's fields) of the fields a search looks in. */
  private fieldsOf(o: SearchOptions): number[] {
    const fieldIds = LAYOUT[this.kind].options.fields;
    return (o.fields ?? fieldIds).map((f) => fieldIds.indexOf(f)).filter((i) => i >= 0);
  }

  /** A query's terms by position, each with the prefix and typo variants the search options give it. */
  private groups(query: string, o: SearchOptions): string[][] {
    const { kind } = this;
    const terms = indexTokenize(query).map(indexTerm).filter((t): t is string => !!t);
    const missing: Lookup[] = [];
    const groups = terms.map((term, i) => {
      const variants = [term];
      const prefix = typeof o.prefix === "function" ? o.prefix(term, i, terms) : o.prefix === true;
      const fuzzy = typeof o.fuzzy === "function" ? o.fuzzy(term, i, terms) : o.fuzzy || false;
      // MiniSearch's own reading of `fuzzy`: a share of the term's length (at most maxFuzzy), or a distance.
      const f = fuzzy === true ? 0.2 : fuzzy === false ? 0 : fuzzy;
      const distance = f < 1 ? Math.min(o.maxFuzzy ?? 6, Math.round(term.length * f)) : f;
      const wanted: Lookup[] = [];
      if (prefix) wanted.push({ kind, term, prefix: true });
      if (distance > 0) wanted.push({ kind, term, distance });
      for (const l of wanted) {
        const found = this.fetches.variants(l);
        if (found) variants.push(...found);
        else missing.push(l);
      }
      return [...new Set(variants)];
    });
    this.fetches.need(missing, true);
    return groups;
  }

  /** The index as the answers see it. */
  facade(): SearchIndex {
    const { kind, fetches } = this;
    const defaults = LAYOUT[kind].options.searchOptions ?? {};
    const fieldIds = LAYOUT[kind].options.fields;
    return {
      documentCount: this.engine.documentCount(kind),
      search: (query, options = {}) => {
        this.engine.mustHold(kind);
        if (typeof query !== "string") throw new Error("search (PostgreSQL): only string queries are supported");
        const groups = this.groups(query, { ...defaults, ...options });
        this.hold(groups.flat());
        const and = String(options.combineWith ?? defaults.combineWith ?? "OR").toUpperCase() === "AND";
        if (and && groups.length > 0) {
          // Its results hold a variant of every group: told by documentsMatching before, or fetched as one
          // intersection (a GIN AND), they are all there. A document its boostDocument gives no weight for any of
          // them is in no result (MiniSearch skips it): not read (an autocomplete box's "Co" holds 8,700 events).
          let found: ArrayLike<number> | undefined = this.matches.told(groups, this.fieldsOf({ ...defaults, ...options }));
          if (!found) {
            const lookup: Lookup = { kind, term: JSON.stringify(groups), all: groups };
            fetches.need([lookup], true);
            found = fetches.allOfFound(lookup) ?? [];
          }
          const boost = options.boostDocument;
          const variants = groups.flat();
          for (let k = 0; k < found.length; k++) {
            const id = found[k] as number;
            if (!boost || variants.some((t) => boost(id, t, undefined))) this.docOf(id);
          }
        } else if (!and) {
          const terms = groups.flat();
          fetches.need(terms.filter((t) => !fetches.holding(kind, t)).map((term) => ({ kind, term, every: true })), true);
          for (const t of terms) for (const field of fetches.holding(kind, t) ?? []) for (const id of field) this.docOf(id);
        }
        return this.index().search(query, options);
      },
      documentsWith: (word, field) => {
        this.engine.mustHold(kind);
        const terms = indexTokenize(word).map(indexTerm).filter((t): t is string => !!t);
        if (terms.length !== 1 || (field !== undefined && !fieldIds.includes(field))) return undefined;
        const term = terms[0] as string;
        this.hold([term]);
        const at = field === undefined ? fieldIds.map((_, i) => i) : [fieldIds.indexOf(field)];
        const c = fetches.countsOf(term);
        // Found once per lookup: a partial match asks it about thousands of candidates.
        let held = fetches.holding(kind, term);
        const docs: TermDocuments = {
          size: sum(at, (i) => c[LAYOUT[kind].fields[i] as number] ?? 0),
          has: (id) => {
            if (!held) {
              const read = (this.reads.get(term) ?? 0) + 1;
              this.reads.set(term, read);
              if (docs.size <= Math.max(FETCH_RATHER_THAN_READ, read * READ_PER_FETCHED)) fetches.need([{ kind, term, every: true }], true);
              held = fetches.holding(kind, term);
            }
            const holding = held;
            if (holding && at.length === 1) return holding[at[0] as number]?.has(id as number) ?? false;
            return at.some((i) => (holding ? (holding[i]?.has(id as number) ?? false) : this.docOf(id as number).fields[i]?.tf.has(term)));
          },
          forEach: (f) => {
            fetches.need(fetches.holding(kind, term) ? [] : [{ kind, term, every: true }], true);
            const holding = fetches.holding(kind, term) ?? [];
            if (at.length === 1) {
              for (const id of holding[at[0] as number] ?? []) f(id);
              return;
            }
            const seen = new Set<number>();
            for (const i of at)
              for (const id of holding[i] ?? []) {
                if (seen.has(id)) continue;
                seen.add(id);
                f(id);
              }
          },
        };
        return docs;
      },
      documentsMatching: (query, options) => {
        const o = { ...defaults, ...options };
        if (String(o.combineWith ?? "OR").toUpperCase() !== "AND") return undefined;
        // The words' variants and their postings before the documents: asked before the part is read, they are
        // fetched while it is (the scope made once it is read takes them over).
        const groups = this.groups(query, o);
        this.hold(groups.flat());
        return this.matches.tell(groups, this.fieldsOf(o));
      },
      searchAmong: (query, among, options = {}) => {
        this.engine.mustHold(kind);
        const ids = [...among];
        for (const id of ids) this.docOf(id);
        this.hold(indexTokenize(query).map(indexTerm).filter((t): t is string => !!t));
        return this.index().searchAmong?.(query, ids, options);
      },
    };
  }
}

const sum = <T>(list: readonly T[], f: (x: T) => number): number => list.reduce((n, x) => n + f(x), 0);
