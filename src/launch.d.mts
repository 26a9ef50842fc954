// The types of what src/launch.mjs exports (it is plain JavaScript, so that it runs before anything is compiled).

/** The folder of the sources compiled ahead of time, in their current state (compiled now if there is none). */
export function compiledTree(): Promise<string>;
