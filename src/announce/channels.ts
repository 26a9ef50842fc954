// The announcement channels and how each announces (DATA_DIR/channels.json): a filter (people, words, outlets), a
// mode (every article, or only articles with a quote), a thread per announcement, and a role to mention. Channels
// come from ANNOUNCE_CHANNEL_IDS at startup, each with the defaults (every article, no thread, no role), and from
// `/announce channel set`; `/announce channel remove` takes one out, also one ANNOUNCE_CHANNEL_IDS names (the record
// of its removal is what keeps it out at the next start). Written atomically, checked for shape when read.
import { z } from "zod";
import type { ChannelSettings } from "../../commands/services.ts";
import type { Logger } from "../log.ts";
import type { StateDocument, StateStorage } from "../state/document.ts";
import { type JsonFileOptions, stateDocument } from "../state/jsonFile.ts";
import { StoredState } from "../state/storedState.ts";
import { RecordRewrite } from "./recordRewrite.ts";

export const DEFAULT_SETTINGS: Readonly<ChannelSettings> = { mode: "every", thread: false, people: [], words: [], outlets: [] };

interface StoredChannel extends ChannelSettings {
  /** Taken out by /announce channel remove: an ANNOUNCE_CHANNEL_IDS entry stays out. */
  removed?: boolean;
}

interface Stored {
  version: 1;
  channels: Record<string, StoredChannel>;
}

const list = z.array(z.string().max(100)).max(25);
const storedSchema: z.ZodType<Stored> = z.looseObject({
  version: z.literal(1),
  channels: z.record(
    z.string().regex(/^\d{17,20}$/),
    z.looseObject({
      mode: z.enum(["every", "quotes"]),
      thread: z.boolean(),
      role: z.string().regex(/^\d{17,20}$/).optional(),
      people: list,
      words: list,
      outlets: list,
      removed: z.boolean().optional(),
    }),
  ),
}) as z.ZodType<Stored>;

export class ChannelConfig extends StoredState<Stored> {
  private constructor(
    file: StateDocument<Stored>,
    state: Stored,
    private defaults: readonly string[],
    readonly problem?: string,
    readonly movedTo?: string,
  ) {
    super(file, state);
  }

  /** Writes the settings again while they cannot be written (DATA_DIR unwritable), saying so once: openChannelConfig. */
  rewriteWhileUnstored(options: { retryMs: number; log: Logger }): void {
    const rewrite = new RecordRewrite(this, options, () => rewrite.check(), {
      name: "channel settings",
      held: "the changes made by /announce channel are kept in memory until they can be",
      resumed: "the changes made meanwhile are stored",
    });
    this.onChanged(() => rewrite.check());
  }

  /** `defaults`: ANNOUNCE_CHANNEL_IDS, the channels announced in unless removed. */
  static async open(at: string | StateStorage, defaults: readonly string[], options: JsonFileOptions = {}): Promise<ChannelConfig> {
    const doc = stateDocument<Stored>(at, "channels", storedSchema, options);
    const { value, problem, movedTo } = await doc.read();
    return new ChannelConfig(doc, value ?? { version: 1, channels: {} }, defaults, problem, movedTo);
  }



  /** The channels announced in: ANNOUNCE_CHANNEL_IDS first, then those added by command; none removed. */
  channels(): string[] {
    const stored = this.state.channels;
    const added = Object.keys(stored).filter((id) => !this.defaults.includes(id));
    return [...this.defaults, ...added].filter((id) => stored[id]?.removed !== true);
  }

  settings(channel: string): ChannelSettings {
    return withoutRemoved(this.state.channels[channel] ?? DEFAULT_SETTINGS);
  }

  /** Adds the channel if it is not announced in, and changes what `patch` gives ("reset": back to the defaults first). */
  async configure(channel: string, patch: Partial<Omit<ChannelSettings, "role">> & { role?: string | null }, reset = false): Promise<ChannelSettings> {
    await this.change((state) => {
      const stored = state.channels[channel];
      const base = reset || !stored || stored.removed ? { ...DEFAULT_SETTINGS } : withoutRemoved(stored);
      const next: StoredChannel = { ...base };
      for (const [key, value] of Object.entries(patch) as [keyof ChannelSettings, unknown][]) {
        if (value === undefined) continue;
        if (key === "role" && value === null) delete next.role;
        else Object.assign(next, { [key]: value });
      }
      state.channels[channel] = next;
    });
    return this.settings(channel);
  }

  /** Stops announcing in the channel; false when it was not announced in. */
  async remove(channel: string): Promise<boolean> {
    if (!this.channels().includes(channel)) return false;
    await this.change((state) => {
      state.channels[channel] = { ...withoutRemoved(state.channels[channel] ?? DEFAULT_SETTINGS), removed: true };
    });
    return true;
  }


}

function withoutRemoved(stored: StoredChannel): ChannelSettings {
  const { removed: _removed, ...settings } = stored;
  return { ...settings, people: [...settings.people], words: [...settings.words], outlets: [...settings.outlets] };
}

/** Opens the channel settings, logging (once) a file that could not be used: it is moved aside, and the settings start afresh. */
export async function openChannelConfig(
  at: string | StateStorage,
  defaults: readonly string[],
  options: JsonFileOptions & { retryMs?: number },
  log: Logger,
): Promise<ChannelConfig> {
  const config = await ChannelConfig.open(at, defaults, options);
  if (options.retryMs !== undefined) config.rewriteWhileUnstored({ retryMs: options.retryMs, log });
  const file = config.path;
  if (config.problem) {
    log.error({ file, ...(config.movedTo && { movedTo: config.movedTo }) }, `channel settings ${file} ${config.problem}${config.movedTo ? `; moved it to ${config.movedTo}` : ""}; ANNOUNCE_CHANNEL_IDS only, with the defaults`);
  }
  return config;
}
