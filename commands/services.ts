// What the running bot lets commands do beyond answering from the corpus, declared here beside the commands that
// need it: src/live and src/announce implement it, and the bot wiring (src/live/startLiveBot.ts) hands it to the
// router. The console has none of it.
import type { EmbedView } from "../src/render/model.ts";

export interface ArticleRef {
  id: string;
  title: string;
}

/** What one rebuild of the live corpus changed. */
export interface ReloadReport {
  added: ArticleRef[];
  changed: ArticleRef[];
  removed: ArticleRef[];
  articles: number;
  skipped: { file: string; problem: string }[];
  /** Articles extracted afresh (the rest came from the facts store). */
  extracted: number;
  ms: number;
}

/** The corpus as the running bot answers from it (src/live). */
export interface LiveCorpus {
  /** The articles now being answered from. */
  articles(): readonly ArticleRef[];
  /** Re-reads the corpus folder and rebuilds; resolves when the new corpus is live. */
  reload(): Promise<ReloadReport>;
}

/** How one channel announces (the defaults: every article, no thread, no role, no filter). */
export interface ChannelSettings {
  /** Every new article, or only those with at least one quote. */
  mode: "every" | "quotes";
  /** Each announcement starts a thread of its own, named after the article. */
  thread: boolean;
  /** A role mentioned with each announcement: the only mention the bot ever makes. */
  role?: string;
  /** Only articles naming one of these people (as the corpus knows them); none: no condition. */
  people: string[];
  /** Only articles with one of these words (whole, in order); none: no condition. */
  words: string[];
  /** Only articles from one of these outlets; none: no condition. */
  outlets: string[];
}

/** The announcements of new articles (src/announce). */
export interface Announcements {
  /** The channels announced in: ANNOUNCE_CHANNEL_IDS and those set by /announce channel, less those removed. */
  channels(): readonly string[];
  settings(channel: string): ChannelSettings;
  /** Announces in the channel (from now on) with what `patch` changes; `reset` goes back to the defaults first; `role: null` drops the role. */
  configure(channel: string, patch: Partial<Omit<ChannelSettings, "role">> & { role?: string | null }, reset?: boolean): Promise<ChannelSettings>;
  /** Stops announcing in the channel; false when it was not announced in. */
  remove(channel: string): Promise<boolean>;
  /** The announcement of an article of the current corpus; undefined when there is no such article. */
  preview(articleId: string): Promise<EmbedView | undefined>;
  /** Queues the article's announcement for every channel again; false when there is no such article. */
  resend(articleId: string): Promise<boolean>;
}

/** At most this many follows per member: Discord shows at most 25 choices, which is how /unfollow offers them. */
export const MAX_FOLLOWS = 25;

/** One thing a member follows. */
export interface FollowRef {
  /** Short and stable: what /unfollow's choices carry. */
  id: string;
  kind: "person" | "words";
  /** The person's name, or the words. */
  label: string;
}

export type FollowOutcome = { kind: "added" | "already"; follow: FollowRef } | { kind: "limit" };

/** A member's follows, and the DMs they bring (src/follow). */
export interface Follows {
  list(userId: string): readonly FollowRef[];
  /** A person the corpus knows, by their name and the other names the articles give them. */
  followPerson(userId: string, person: { name: string; aliases: readonly string[] }): Promise<FollowOutcome>;
  followWords(userId: string, words: string): Promise<FollowOutcome>;
  unfollow(userId: string, id: string): Promise<FollowRef | undefined>;
  /** Discord refused a DM to the member (their DMs are closed) and they have not been told yet. */
  dmsClosed(userId: string): boolean;
  /** They have been told: their next new article is tried again. */
  toldDmsClosed(userId: string): Promise<void>;
}

export interface BotServices {
  corpus: LiveCorpus;
  announcements: Announcements;
  follows: Follows;
}

/** A bot command's answer, always private. */
export interface BotReply {
  content?: string;
  embeds?: EmbedView[];
}
