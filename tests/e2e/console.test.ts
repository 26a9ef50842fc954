// `npm start` without DISCORD_TOKEN: the local console, scripted through piped stdin.
import { describe, expect, it } from "vitest";
import { botEnv, run, tempDataDir } from "./harness.ts";

describe.concurrent("npm start without a token", () => {
  it("answers piped slash commands in order and exits 0 at EOF", async () => {
    const input = ["/who Linus Torvalds", "/help", "/frobnicate", "/quote speakr:Josef", "/quote speaker:Linus Torvalds text:kernel", ""].join("\n");
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
    expect(out.slice(option)).toContain("Quotes from Linus Torvalds");
  });
});
