// The follows of a running bot: the store in DATA_DIR, the DM notifier, and the service /follow and /unfollow use.
import type { REST } from "discord.js";
import type { Follows } from "../../commands/services.ts";
import type { Logger } from "../log.ts";
import type { StateStorage } from "../state/document.ts";
import { FollowNotifier } from "./notifier.ts";
import { discordDmSender } from "./sender.ts";
import { followsOf } from "./service.ts";
import { FollowStore } from "./store.ts";

export interface RunningFollows {
  service: Follows;
  notifier: FollowNotifier;
  store: FollowStore;
}

export async function startFollows(
  at: string | StateStorage,
  o: { intervalMs: number; retryMs: number; log: Logger; rest: () => Pick<REST, "post"> },
): Promise<RunningFollows> {
  // Opened writable even when DATA_DIR was found unwritable: no DM is sent until the file holds it (the notifier).
  const store = await FollowStore.open(at);
  const file = store.path;
  if (store.problem) {
    o.log.error({ file, ...(store.movedTo && { movedTo: store.movedTo }) }, `follows ${file} ${store.problem}${store.movedTo ? `; moved it to ${store.movedTo}` : ""}; the follows start afresh`);
  }
  const notifier = new FollowNotifier(store, discordDmSender(o.rest), { intervalMs: o.intervalMs, retryMs: o.retryMs, log: o.log });
  return { service: followsOf(store), notifier, store };
}
