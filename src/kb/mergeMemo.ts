// What a live corpus keeps of one people merge for the next (mergePeople.ts), so that the people an update leaves
// alone are not made again.
import type { LocalPerson } from "../extract/types.ts";
import type { Entry } from "./personGroups.ts";
import type { KbPerson } from "./types.ts";

/**
 * The people one merge made, by the article people each was made of, for the next merge of a live corpus: a person
 * whose group holds the same article people in the same order comes out the same, so it is taken as it was (a
 * change touches a few groups; making every person again was a third of a merge at 10,000 articles).
 */
export class MergeMemo {
  private readonly ids = new WeakMap<LocalPerson, number>();
  private next = 0;
  private previous = new Map<string, KbPerson>();
  private made = new Map<string, KbPerson>();

  /**
   * The key of a group's entries (sorted by order): the identities of their article people. Joined once, so that it is
   * one flat string: built by appending, each key kept a chain of a string per entry (some 7 MB at 50,000 articles).
   */
  key(entries: readonly Entry[]): string {
    const ids = entries.map((e) => {
      let id = this.ids.get(e.person);
      if (id === undefined) this.ids.set(e.person, (id = this.next++));
      return id;
    });
    return ids.join(",");
  }

  get(key: string): KbPerson | undefined {
    return this.previous.get(key);
  }

  set(key: string, person: KbPerson): void {
    this.made.set(key, person);
  }

  /** Ends a merge: what it made is what the next one may reuse. */
  done(): void {
    this.previous = this.made;
    this.made = new Map();
  }
}
