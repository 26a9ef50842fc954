import { BIDI_CONTROLS, escapeTruncate, LIMITS, truncate } from "../src/render/limits.ts";
import { botCommand } from "./define.ts";
import type { ArticleRef, ReloadReport } from "./services.ts";

export const reload = botCommand({
  name: "reload",
  description: "Admin: read the corpus folder again now and say what changed.",
  requires: ["admin"],
  consoleNote: "the console reads the corpus at start",
  run: async ({ corpus }) => ({ content: reloadText(await corpus.reload()) }),
});

/** The report as a short private message: counts first, then the titles, within Discord's 2,000 characters. */
export function reloadText(r: ReloadReport): string {
  const n = (k: number, what: string): string => `${k} ${what}${k === 1 ? "" : "s"}`;
  const list = (label: string, refs: ArticleRef[]): string[] =>
    refs.length ? [`**${label}** (${refs.length}): ${refs.slice(0, 10).map((a) => `*${escapeTruncate(a.title, 90)}*`).join(", ")}${refs.length > 10 ? ", …" : ""}`] : [];
  const changed = r.added.length + r.changed.length + r.removed.length > 0;
  const lines = [
    changed ? `Reloaded in ${r.ms} ms: now ${n(r.articles, "article")}.` : `No change: ${n(r.articles, "article")}, as before.`,
    ...list("Added", r.added),
    ...list("Changed", r.changed),
    ...list("Removed", r.removed),
  ];
  if (r.skipped.length) {
    const files = r.skipped.slice(0, 5).map((s) => `\`${s.file.split(/[\\/]/).pop()?.replace(/`/g, "'").replace(BIDI_CONTROLS, "") ?? "?"}\` (${escapeTruncate(s.problem, 80)})`);
    lines.push(`**Skipped files** (${r.skipped.length}): ${files.join(", ")}${r.skipped.length > 5 ? ", …" : ""}`);
  }
  return truncate(lines.join("\n"), LIMITS.content);
}
