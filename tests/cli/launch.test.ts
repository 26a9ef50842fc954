import { renameSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../support/files.ts";
import { launchProject, run } from "../support/launchProject.ts";

const project = launchProject;

describe("the launcher of the npm scripts (TypeScript compiled ahead of time)", () => {
  it("runs an entry point with its arguments, as its source would run", async () => {
    const p = project();
    // import.meta.url, dirname and filename are the source's, so what a module finds beside itself is there.
    const hello = path.join(p.root, "src", "hello.ts");
    const launched = await p.launch("--corpus", "x y");
    // Worker threads (src/extract/pool.ts spawnWorker) run the same compiled tree, found through the environment.
    const compiled = path.join(p.root, "node_modules", ".cache", "newsdesk-compiled", p.trees()[0] as string);
    expect(launched).toEqual({ greeting: "hello", args: ["--corpus", "x y"], file: hello, dir: path.dirname(hello), filename: hello, tree: compiled });
  });

  it("never runs stale code: an edit to any module is compiled before the next run, and an unchanged tree is reused", async () => {
    const p = project();
    expect((await p.launch()).greeting).toBe("hello");
    const [first] = p.trees();
    expect((await p.launch()).greeting).toBe("hello");
    expect(p.trees()).toEqual([first]); // the same sources: not compiled again
    // The same size, its modification time put back: the file's change time still tells the edit.
    const file = path.join(p.root, "src", "words", "greeting.ts");
    const { atime, mtime } = statSync(file);
    p.write("words/greeting.ts", `export const greeting: string = "hullo";\n`);
    utimesSync(file, atime, mtime);
    expect((await p.launch()).greeting).toBe("hullo");
    p.write("words/greeting.ts", `export const greeting: string = "changed";\n`);
    expect((await p.launch()).greeting).toBe("changed");
    p.write("words/greeting.ts", `export const greeting: string = "hello";\n`);
    expect((await p.launch()).greeting).toBe("hello");
    expect(p.trees()).toHaveLength(3); // the first tree again, and the edited ones (kept a day for running processes)
  });

  it("runs a project moved to another folder from its new place, not from a tree compiled at the old one", async () => {
    const p = project();
    expect((await p.launch()).file).toBe(path.join(p.root, "src", "hello.ts"));
    const moved = path.join(tempDir("newsdesk-launch-moved-"), "project");
    renameSync(p.root, moved);
    const { stdout } = await run(process.execPath, ["src/launch.mjs", "src/hello.ts"], { cwd: moved });
    expect((JSON.parse(stdout) as { file: string }).file).toBe(path.join(moved, "src", "hello.ts"));
  });

  it("runs the sources through tsx, with one line saying why, where the compiled tree cannot be written", async () => {
    const p = project();
    symlinkSync(path.join(ROOT, "node_modules", "tsx"), path.join(p.root, "node_modules", "tsx"));
    writeFileSync(path.join(p.root, "node_modules", ".cache"), "a file where the cache folder would be");
    // A tree named by a parent process (another state of the sources) is not the one its worker threads run.
    const env = { ...process.env, NEWSDESK_COMPILED_TREE: "/somewhere/else" };
    const { stdout, stderr } = await run(process.execPath, ["src/launch.mjs", "src/hello.ts", "a"], { cwd: p.root, env });
    const hello = path.join(p.root, "src", "hello.ts");
    expect(JSON.parse(stdout)).toEqual({ greeting: "hello", args: ["a"], file: hello, dir: path.dirname(hello), filename: hello, tree: null });
    expect(stderr).toMatch(/^launch: could not compile the sources into .*; running them through tsx\n$/);
  });

  it("refuses anything but a TypeScript entry point, with its usage", async () => {
    const p = project();
    await expect(run(process.execPath, ["src/launch.mjs"], { cwd: p.root })).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("usage") });
  });
});
