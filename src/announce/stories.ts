// Which new articles are new stories and which are copies of a story already announced (src/announce/sameStory.ts).
// The window holds the stories announced last, seeded from the announcement record at the first use, so a copy
// arriving after a restart is still known as one. A copy is compared with stories only, never with other copies.
import { readArticleTexts, sentencesOf, type ArticleSentences } from "../kb/articleTexts.ts";
import type { KbArticle, KnowledgeBase } from "../kb/types.ts";
import { dayOf, shingles, StoryWindow } from "./sameStory.ts";

/** Stories a new article is compared with: those announced last. */
export const STORY_WINDOW = 500;

export interface Split {
  /** New stories, in the order given. */
  stories: string[];
  /** Copies, each with the story it is a copy of. */
  copies: { id: string; of: string }[];
}

const bodyOf = (texts: ArticleSentences, a: KbArticle): string => sentencesOf(texts, a.id).join(" ");

export class StoryTracker {
  private window: StoryWindow | undefined;

  /**
   * `recent`: the stories announced so far, oldest first (the record's announced articles that are not copies); read
   * once, at the first split.
   */
  constructor(private recent: () => string[]) {}

  /**
   * Splits fresh articles into new stories (then remembered) and copies of a recent story. `texts`: the fresh
   * articles' sentences, read (src/kb/articleTexts.ts); the first split reads those of the recent stories.
   */
  async split(kb: KnowledgeBase, fresh: readonly string[], texts: ArticleSentences): Promise<Split> {
    const byId = new Map(kb.articles.map((a) => [a.id, a]));
    const window = this.window ?? (await this.windowOver(kb, byId));
    const out: Split = { stories: [], copies: [] };
    for (const id of fresh) {
      const article = byId.get(id);
      if (!article) continue;
      const set = shingles(bodyOf(texts, article));
      const day = dayOf(article.published);
      const story = window.find(set, day);
      if (story && story.id !== id) out.copies.push({ id, of: story.id });
      else {
        out.stories.push(id);
        window.add(id, set, day);
      }
    }
    return out;
  }

  private async windowOver(kb: KnowledgeBase, byId: Map<string, KbArticle>): Promise<StoryWindow> {
    const recent = this.recent().filter((id) => byId.has(id)).slice(-STORY_WINDOW);
    const texts = await readArticleTexts(kb, recent);
    // Another split may have made it while these texts were read.
    if (this.window) return this.window;
    const window = new StoryWindow(STORY_WINDOW);
    for (const id of recent) {
      const a = byId.get(id) as KbArticle;
      window.add(id, shingles(bodyOf(texts, a)), dayOf(a.published));
    }
    return (this.window = window);
  }
}
