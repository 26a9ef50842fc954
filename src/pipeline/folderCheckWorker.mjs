// The worker thread of folderCheck.ts: compares a corpus folder with the file list a startup build saved (its
// names and signatures, as JSON bytes) and posts back the names that differ: files new since, changed since
// (another signature) or gone. Plain JavaScript, so that the thread starts in milliseconds (a TypeScript worker
// loads tsx first).
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";

/** The signature of src/corpus/load.ts (fileSignature): inode, size, modification and change times in ns. */
const signatureOf = (info) => `${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;

function differences({ dir, list }) {
  const { names, signatures } = JSON.parse(Buffer.from(list).toString("utf8"));
  const saved = new Map(names.map((name, i) => [name, signatures[i]]));
  const differ = [];
  for (const name of readdirSync(dir)) {
    // Never articles, whatever they hold: dot files (the loader ignores them) and files not named .md (skipped).
    if (name.startsWith(".") || !/\.md$/i.test(name)) continue;
    const signature = saved.get(name);
    saved.delete(name);
    if (signature === undefined) {
      differ.push(name);
      continue;
    }
    const info = statSync(path.join(dir, name), { bigint: true, throwIfNoEntry: false });
    if (!info?.isFile() || signatureOf(info) !== signature) differ.push(name);
  }
  differ.push(...saved.keys());
  return differ;
}

try {
  parentPort.postMessage({ differ: differences(workerData) });
} catch (err) {
  parentPort.postMessage({ error: err instanceof Error ? err.message : String(err) });
}
