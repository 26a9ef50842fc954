// A setup file of every test project (vitest.config.ts): after each test file, the temporary folders it made with
// tempDir (tests/support/files.ts) are removed. Registered before the file's own hooks, so it runs after them
// (vitest runs after-hooks in reverse order): the bots a file started have been stopped by then.
import { afterAll } from "vitest";
import { removeTempDirs } from "./files.ts";

afterAll(removeTempDirs);
