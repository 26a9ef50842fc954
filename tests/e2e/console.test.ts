// `npm start` without DISCORD_TOKEN: the local console, scripted through piped stdin.
import { describe, expect, it } from "vitest";
import { botEnv, run, tempDataDir } from "./harness.ts";

describe.concurrent("npm start without a token", () => {
  it("answers piped slash commands in order and exits 0 at EOF", async () => {
    const input = [
      ...["/who Linus Torvalds", "/help", "/frobnicate", "/quote speakr:Josef", "/quote speaker:Linus Torvalds text:kernel"],
      // What the message menus do on Discord, for pasted text; /follow needs Discord.
      ...[`/check "There was zero pushback" - Linus Torvalds`, "/mentioned Torvalds and Greg Kroah-Hartman met", "/follow person Linus", ""],
    ].join("\n");
    // A first start (no caches in DATA_DIR): the bot extracts the seed corpus before it answers.
    const p = run("src/main.ts", botEnv({ LOG_LEVEL: "warn", DATA_DIR: tempDataDir({ caches: false }) }), [], input);
    expect(await p.exit).toBe(0);
    const err = p.stderr();
    expect(err.split("\n").filter((l) => l.includes("DISCORD_TOKEN"))).toHaveLength(1);
    expect(err).toMatch(/console.*set DISCORD_TOKEN in \.env/);
    const out = p.stdout();
    const who = out.indexOf("■ Linus Torvalds");
    const help = out.indexOf("Commands (");
    const unknown = out.indexOf("Unknown command /frobnicate");
    const option = out.indexOf("Unknown option speakr for /quote");
    expect(who).toBeGreaterThanOrEqual(0);
    expect(help).toBeGreaterThan(who);
    expect(unknown).toBeGreaterThan(help);
    expect(option).toBeGreaterThan(unknown);
    expect(out.slice(who, help)).toMatch(/— .+, (The New Stack|LWN\.net|21CTO|Kloudnative), /);
    for (const c of ["/who", "/when", "/quote", "/search", "/timeline", "/about"]) expect(out.slice(help)).toContain(c);
    const check = out.indexOf("■ Direct quote");
    const mentioned = out.indexOf("■ People the corpus knows in this message (2)");
    const follow = out.indexOf("`/follow` is not available in this mode.");
    expect(check).toBeGreaterThan(option);
    expect(mentioned).toBeGreaterThan(check);
    expect(follow).toBeGreaterThan(mentioned);
    expect(out.slice(option, check)).toContain("Quotes from Linus Torvalds");
    // The words found, whose they are and where, and the speaker the pasted text got wrong.
    expect(out.slice(check, mentioned)).toMatch(/"There was zero pushback\."\n│ — Steven Rostedt\n— .+, The New Stack, /);
    expect(out.slice(check, mentioned)).toContain("The message gives Linus Torvalds as the speaker; the corpus attributes these words to Steven Rostedt.");
    expect(out.slice(mentioned, follow)).toMatch(/\n\nLinus Torvalds:\n.+\n│ .+\n— .+\n\nGreg Kroah-Hartman:\n/);
  });
});
