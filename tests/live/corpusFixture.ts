// The small live corpus the live tests start from: articles written into a fresh folder, with a recording logger.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { articleFile } from "../support/articles.ts";
import { tempDir } from "../support/files.ts";
import { recordingLog } from "../support/log.ts";

export const TRAM = articleFile({ title: "Harbour tram opens", body: 'Mayor Ingrid Solberg, who leads the council, opened the line on Jan. 2, 2025. "It moves," Solberg said.' });
export const BUDGET = articleFile({ title: "Budget grows", body: "Engineer Tomasz Wrobel, the chief engineer, said the budget doubled in 2024." });
export const DEPOT = articleFile({ title: "Depot planned", body: 'Planner Ada Kowalski, head of the depot team, said the depot opens in 2026. "Soon," Kowalski said.' });

/** A fresh folder holding `files` (name → text). */
export function liveCorpus(prefix: string, files: Record<string, string>) {
  const dir = tempDir(prefix);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const { log, messages } = recordingLog();
  return { dir, log, messages, warnings: () => messages("warn"), file: (name: string) => path.join(dir, name) };
}
