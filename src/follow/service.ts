// The follows as /follow and /unfollow use them (commands/services.ts), over the follow store.
import type { Follows } from "../../commands/services.ts";
import { personKey } from "../answer/articleMatch.ts";
import type { FollowStore, StoredFollow } from "./store.ts";

const ref = ({ id, kind, label }: StoredFollow) => ({ id, kind, label });

export function followsOf(store: FollowStore): Follows {
  const outcome = async (user: string, follow: Omit<StoredFollow, "id" | "since">) => {
    const r = await store.add(user, follow);
    return r.kind === "limit" ? r : { kind: r.kind, follow: ref(r.follow) };
  };
  return {
    list: (user) => store.follows(user).map(ref),
    followPerson: (user, person) => outcome(user, { kind: "person", label: person.name, names: personKey(person).names }),
    followWords: (user, words) => outcome(user, { kind: "words", label: words }),
    unfollow: async (user, id) => {
      const removed = await store.remove(user, id);
      return removed && ref(removed);
    },
    dmsClosed: (user) => store.member(user)?.closed !== undefined,
    toldDmsClosed: (user) => store.told(user),
  };
}
