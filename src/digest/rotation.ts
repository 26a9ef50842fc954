// Which quote is the quote of the day: a random one not used in this round; once every quote has had its day a
// new round begins. The round (the keys used so far) is kept in DATA_DIR/digest.json, written atomically before
// the quote is posted, so a restart neither repeats a quote nor starts the round over. A quote whose round could not
// be written (DATA_DIR full or read-only) is not posted, as an announcement is not sent from memory alone: the round
// is written again with backoff (schedule.ts, src/announce/recordRewrite.ts) and the next tick posts once it lands.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { JsonRead, StateDocument, StateStorage } from "../state/document.ts";
import { type JsonFileOptions, stateDocument } from "../state/jsonFile.ts";
import type { KbQuote } from "../kb/types.ts";
import { StoredState } from "../state/storedState.ts";

/** A quote's identity across rebuilds and restarts: its article and words. */
export function quoteKey(q: Pick<KbQuote, "article" | "text">): string {
  return createHash("sha256").update(`${q.article}\u0000${q.text}`).digest("hex").slice(0, 20);
}

export interface QuotePick {
  quote: KbQuote;
  /** The round after this pick, to store. */
  used: string[];
}

/**
 * The next quote of the day and the round after it, or undefined when the corpus has no quote. Quotes with a
 * named speaker are preferred (a quote of the day needs a "who"); keys of quotes no longer in the corpus are
 * dropped from the round.
 */
export function pickQuote(quotes: KbQuote[], used: readonly string[], random: () => number = Math.random): QuotePick | undefined {
  const spoken = quotes.filter((q) => q.speaker);
  const pool = spoken.length > 0 ? spoken : quotes;
  if (pool.length === 0) return undefined;
  const keys = new Set(pool.map(quoteKey));
  let round = used.filter((k) => keys.has(k));
  let fresh = pool.filter((q) => !round.includes(quoteKey(q)));
  if (fresh.length === 0) {
    round = [];
    fresh = pool;
  }
  const quote = fresh[Math.min(fresh.length - 1, Math.floor(random() * fresh.length))] as KbQuote;
  return { quote, used: [...new Set([...round, quoteKey(quote)])] };
}

interface Stored {
  version: 1;
  used: string[];
}

const storedSchema: z.ZodType<Stored> = z.looseObject({ version: z.literal(1), used: z.array(z.string()) }) as z.ZodType<Stored>;

/** The stored round. */
export class DigestRotation extends StoredState<Stored> {
  private constructor(
    file: StateDocument<Stored>,
    stored: Stored,
    /** The stored round, when it could not be used (a new round starts): its problem and where it was moved. */
    readonly damaged?: Omit<JsonRead<Stored>, "value">,
  ) {
    super(file, stored);
  }

  static async open(at: string | StateStorage, options: JsonFileOptions = {}): Promise<DigestRotation> {
    const doc = stateDocument<Stored>(at, "digest", storedSchema, options);
    const { value, ...damaged } = await doc.read();
    return new DigestRotation(doc, { version: 1, used: value?.used ?? [] }, damaged.problem ? damaged : undefined);
  }

  /**
   * Picks the next quote (from the latest stored round) and stores the round before returning it. Undefined when the
   * corpus has no quote, or when the round could not be stored (`unstored`): posted then, the quote could come again
   * after a restart. The pick stays in the round in memory, written with the next write that lands.
   */
  async next(quotes: KbQuote[], random?: () => number): Promise<KbQuote | undefined> {
    const quote = await this.change((round) => {
      const pick = pickQuote(quotes, round.used, random);
      if (pick) round.used = pick.used;
      return pick?.quote;
    });
    return this.unstored ? undefined : quote;
  }
}
