import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { compiledTree } from "../../src/launch.mjs";
import { entryBundle } from "../../src/launchBundle.mjs";
import { ROOT } from "../support/files.ts";
import { launchProject } from "../support/launchProject.ts";

describe("the launcher's bundle of an entry point (one file, with V8's code cache)", () => {
  it("runs the entry point from its bundle, whose code cache the first run writes and the next ones take", async () => {
    const p = launchProject();
    const hello = path.join(p.root, "src", "hello.ts");
    const first = await p.launch("a");
    expect(first).toMatchObject({ greeting: "hello", args: ["a"], file: hello, dir: path.dirname(hello), filename: hello });
    const [bundle, cache, ...others] = p.bundles().sort();
    expect(others).toEqual([]);
    expect(bundle).toMatch(/hello\.\w+\.cjs$/);
    expect(readFileSync(bundle as string, "utf8")).toContain('"hello"');
    expect(cache).toMatch(/\.v8$/);
    const written = statSync(cache as string).mtimeMs;
    expect(await p.launch("a")).toEqual(first);
    expect(statSync(cache as string).mtimeMs).toBe(written); // taken as it was
  });

  it("writes a code cache V8 rejects again (a torn file, another Node)", async () => {
    const p = launchProject();
    await p.launch();
    const cache = p.bundles().find((file) => file.endsWith(".v8")) as string;
    writeFileSync(cache, "not a code cache");
    expect((await p.launch()).greeting).toBe("hello");
    expect(readFileSync(cache).length).toBeGreaterThan(100);
  });

  it("runs a module imported with import() when the import runs, not before (lazy loads stay lazy)", async () => {
    const p = launchProject();
    p.write("late.ts", `console.log("late loaded");\nexport const late: string = "late value";\n`);
    p.write("lazy.ts", `console.log("entry ran");\nsetTimeout(() => void import("./late.ts").then((m) => console.log(m.late)), 10);\n`);
    expect((await p.launchEntry("lazy.ts")).stdout).toBe("entry ran\nlate loaded\nlate value\n");
  });

  it("bundles an installed package again once npm's record of the packages changes, and resolves it where Node would", async () => {
    const p = launchProject();
    const pkg = path.join(p.root, "node_modules", "greeter");
    mkdirSync(pkg);
    writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "greeter", version: "1.0.0", type: "module", exports: "./index.js" }));
    writeFileSync(path.join(pkg, "index.js"), `export const word = "one";\nexport const place = import.meta.url;\n`);
    p.write("pkg.ts", `import { place, word } from "greeter";\nconsole.log(JSON.stringify({ word, place, resolved: import.meta.resolve("greeter") }));\n`);
    const index = pathToFileURL(path.join(pkg, "index.js")).href;
    expect(JSON.parse((await p.launchEntry("pkg.ts")).stdout)).toEqual({ word: "one", place: index, resolved: index });
    // As an npm install does: the package's files, then its record.
    writeFileSync(path.join(pkg, "index.js"), `export const word = "two";\nexport const place = import.meta.url;\n`);
    writeFileSync(path.join(p.root, "node_modules", ".package-lock.json"), JSON.stringify({ packages: { "node_modules/greeter": { version: "2.0.0" } } }));
    expect(JSON.parse((await p.launchEntry("pkg.ts")).stdout).word).toBe("two");
  });

  it("runs an entry point with a top-level await from the compiled tree, saying so once", async () => {
    const p = launchProject();
    p.write("waits.ts", `import { greeting } from "./words/greeting.ts";\nawait new Promise((resolve) => setTimeout(resolve, 1));\nconsole.log(greeting);\n`);
    const first = await p.launchEntry("waits.ts");
    expect(first.stdout).toBe("hello\n");
    expect(first.stderr).toMatch(/^launch: could not bundle src\/waits\.ts \(.*[Tt]op-level await.*\); running the compiled tree\n$/);
    expect(await p.launchEntry("waits.ts")).toMatchObject({ stdout: "hello\n", stderr: "" });
  });

  it("bundles every entry point of the npm scripts (none falls back to the tree)", async () => {
    const scripts = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    const entries = [...new Set(Object.values(scripts).flatMap((script) => [...script.matchAll(/src\/launch\.mjs (\S+\.ts)/g)].map((m) => m[1] as string)))];
    expect(entries.length).toBeGreaterThan(10);
    const tree = await compiledTree();
    const bundles = await Promise.all(entries.map((entry) => entryBundle(ROOT, tree, path.join(ROOT, entry)).catch((err: Error) => err.message)));
    expect(Object.fromEntries(entries.map((entry, i) => [entry, typeof bundles[i] === "string" && (bundles[i] as string).endsWith(".cjs")]))).toEqual(
      Object.fromEntries(entries.map((entry) => [entry, true])),
    );
  }, 60_000);
});
