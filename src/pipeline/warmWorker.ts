// The live corpus's worker thread, from the main thread's side: started by the first request (it loads the
// extractors, a second or two of CPU) and kept, so that a new article is extracted at once and nothing of that work
// runs on the thread that answers. When that first request is made is the live corpus's choice (liveKnowledge.ts:
// at once, while the bot already answers, unless CORPUS_WARM_WORKER=false). Articles are extracted one request each: one that takes longer than
// `extractTimeoutMs` (a pathological text) or kills the thread fails alone, with that reason, and a new thread takes
// over; the people it had been taught are then gone, and merging fails until the next `load`.
import type { HeapInfo } from "node:v8";
import type { Worker } from "node:worker_threads";
import type { Article } from "../corpus/types.ts";
import { job, spawnWorker, type ExtractOutcome } from "../extract/pool.ts";
import type { ArticlePeople, PeopleDelta } from "../kb/incremental.ts";
import type { PeopleMerger } from "./liveUpdate.ts";
import type { LoadResult, WorkerRequest, WorkerResponse } from "./warmWorkerThread.ts";

export interface WarmWorkerOptions {
  /** How long extracting one article may take (default 120 s: a 1,000,000-character article takes 1-3 s). */
  extractTimeoutMs?: number;
}

type Body = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

/** One thread (spawned by its first request) and the requests it is answering; all of them fail when it stops. */
class Thread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, { resolve: (result: never) => void; reject: (err: Error) => void }>();
  private next = 0;
  stopped: Error | undefined;

  request<T>(body: Body): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped);
    const worker = (this.worker ??= this.spawn());
    const id = this.next++;
    worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (result: never) => void, reject });
      worker.postMessage({ ...body, id } as WorkerRequest);
    });
  }

  /** Whether the thread was spawned and has not stopped. */
  get running(): boolean {
    return this.worker !== undefined && !this.stopped;
  }

  stop(err: Error): void {
    this.stopped ??= err;
    for (const waiting of this.pending.values()) waiting.reject(this.stopped);
    this.pending.clear();
    void this.worker?.terminate();
  }

  async terminate(): Promise<void> {
    await this.worker?.terminate();
  }

  private spawn(): Worker {
    const worker = spawnWorker(new URL("./warmWorkerThread.ts", import.meta.url));
    worker.on("message", (response: WorkerResponse) => {
      const waiting = this.pending.get(response.id);
      this.pending.delete(response.id);
      if ("error" in response) waiting?.reject(new Error(response.error));
      else waiting?.resolve(response.result as never);
      if (this.pending.size === 0) worker.unref();
    });
    worker.on("error", (err) => this.stop(err));
    worker.on("exit", (code) => this.stop(new Error(`the worker thread stopped (exit code ${code})`)));
    return worker;
  }
}

export class WarmWorker implements PeopleMerger {
  private thread = new Thread();
  /** Whether the thread knows the people of every article (since the last load, and no restart since). */
  private taught = false;
  private closed = false;
  private readonly extractTimeoutMs: number;

  constructor(options: WarmWorkerOptions = {}) {
    this.extractTimeoutMs = options.extractTimeoutMs ?? 120_000;
  }

  /** Extracts the articles on the thread, one at a time; outcomes in input order. Never rejects. */
  async extract(articles: readonly Article[]): Promise<ExtractOutcome[]> {
    const outcomes: ExtractOutcome[] = [];
    for (const article of articles) outcomes.push(await this.extractOne(article));
    return outcomes;
  }

  update(order: string[], upserts: ArticlePeople[], removed: string[]): Promise<PeopleDelta> {
    if (!this.taught) return Promise.reject(new Error("the worker thread no longer knows the corpus's people (it was restarted)"));
    return this.live().request({ kind: "merge", order, upserts, removed });
  }

  /**
   * Teaches the thread every article's people (see the "load" request in warmWorkerThread.ts); `merged`: answer the
   * merge's every person and speaker too.
   */
  async load(articles: { article: string; hash: string }[], given: ArticlePeople[], cacheDir?: string, merged = false): Promise<LoadResult> {
    this.taught = false;
    const thread = this.live();
    const result = await thread.request<LoadResult>({ kind: "load", articles, given, ...(cacheDir !== undefined && { cacheDir }), ...(merged && { merged }) });
    // The thread knows them all once the missing ones are sent in a merge (which must go to this same thread).
    this.taught = thread === this.thread;
    return result;
  }

  /** The thread's V8 heap statistics (after a full collection with `collect`); undefined when no thread runs. */
  async heap(collect = false): Promise<HeapInfo | undefined> {
    if (!this.thread.running) return undefined;
    return this.thread.request<HeapInfo>({ kind: "heap", collect });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.thread.stop(new Error("the worker thread was closed"));
    await this.thread.terminate();
  }

  private async extractOne(article: Article): Promise<ExtractOutcome> {
    const thread = this.live();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = new Error(`extraction took longer than ${Math.round(this.extractTimeoutMs / 1000)} s`);
        reject(err);
        thread.stop(err);
      }, this.extractTimeoutMs);
    });
    try {
      const [outcome] = await Promise.race([thread.request<ExtractOutcome[]>({ kind: "extract", jobs: [job(article)] }), timeout]);
      return outcome ?? { error: "no result from the worker thread" };
    } catch (err) {
      return { error: (err as Error).message };
    } finally {
      clearTimeout(timer);
    }
  }

  /** The thread, or a new one when it stopped (which knows no people yet). */
  private live(): Thread {
    if (this.thread.stopped && !this.closed) {
      this.thread = new Thread();
      this.taught = false;
    }
    return this.thread;
  }
}
