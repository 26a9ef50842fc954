// The types of what src/launchBundle.mjs exports (plain JavaScript, as the launcher that imports it).

/** The bundle of the entry point `source` in the compiled `tree` (built now if there is none), or undefined where there is none to run. */
export function entryBundle(root: string, tree: string, source: string): Promise<string | undefined>;

/** Where the code cache of `file` is kept for this V8 (named by its tag of its version, flags and CPU). */
export function codeCacheFile(file: string): string;

/** The CommonJS file `file` compiled with its code cache: run it (its exports), then keep its code cache (written when needed). */
export function compileWithCodeCache(file: string, write?: (file: string, data: Buffer) => void): { run(): unknown; keep(): void };
