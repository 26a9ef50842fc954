// The types of what src/launchBundle.mjs exports (plain JavaScript, as the launcher that imports it).

/** The bundle of the entry point `source` in the compiled `tree` (built now if there is none), or undefined where there is none to run. */
export function entryBundle(root: string, tree: string, source: string): Promise<string | undefined>;
