// Interactions at shutdown. Every interaction being answered is tracked; once draining begins, a new one is not
// answered but gets a short private note (an autocomplete gets no choices), so the user learns at once that the
// bot is restarting instead of seeing "The application did not respond" three seconds later. Discord does not
// deliver an interaction twice, so leaving it unanswered would lose it just the same, only less politely.
import type { Interaction } from "discord.js";

export const RESTARTING_NOTE = "The bot is restarting. Try again in a moment.";

export class InteractionDrain {
  private inFlight = new Set<Promise<void>>();
  private draining = false;

  /** Answers `interaction` with `route`, or with `refuse` once draining; either way, tracked until done. */
  handle(interaction: Interaction, route: (i: Interaction) => Promise<void>, refuse: (i: Interaction) => Promise<void>): void {
    const work = (this.draining ? refuse : route)(interaction)
      .catch(() => undefined)
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  /** Stops taking new work: from now on every new interaction is refused. */
  begin(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** How many interactions are being answered (or refused) right now. */
  get pending(): number {
    return this.inFlight.size;
  }

  /** Resolves once no interaction is being answered, including ones refused while waiting. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}
