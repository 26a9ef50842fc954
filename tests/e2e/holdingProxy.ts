// A REST proxy on 127.0.0.1 between the bot and the fake Discord that can hold chosen requests for a while (or
// for good): a reply or an announcement "in flight" that a test can catch the bot in the middle of. The bot gets
// the proxy as DISCORD_API_BASE; the gateway URL in GET /gateway/bot still points at the fake itself.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { listenLocally } from "./fakeDiscord.ts";

interface Rule {
  method: string;
  path: RegExp;
  /** How long to hold a matching request before passing it on; Infinity: never answer it. */
  ms: number;
  times: number;
  /** "request": held before the fake sees it; "response": the fake acts at once, its answer is held. */
  phase: "request" | "response";
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface HeldRequest {
  method: string;
  path: string;
  at: number;
  body: string;
  /** When it was passed on to the fake (undefined while held). */
  passedAt?: number;
}

export class HoldingProxy {
  readonly held: HeldRequest[] = [];
  private rules: Rule[] = [];
  private server: Server;
  private open = new Set<ServerResponse>();
  /** What the bot is given as DISCORD_API_BASE, once started. */
  apiBase = "";

  constructor(private target: { port: number }) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async start(): Promise<this> {
    this.apiBase = (await listenLocally(this.server)).apiBase;
    return this;
  }

  /**
   * Holds the next `times` requests whose method and path (without the query) match, `ms` each: before the fake
   * sees them, or (phase "response") after the fake acted, holding its answer (the bot does not know it worked).
   */
  hold(method: string, path: RegExp, ms: number, times = 1, phase: Rule["phase"] = "request"): void {
    this.rules.push({ method, path, ms, times, phase });
  }

  /** Requests held so far whose path matches. */
  heldFor(path: RegExp): HeldRequest[] {
    return this.held.filter((h) => path.test(h.path));
  }

  async stop(): Promise<void> {
    for (const res of this.open) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.open.add(res);
    res.on("close", () => this.open.delete(res));
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const method = req.method ?? "GET";
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const rule = this.rules.find((r) => r.times > 0 && r.method === method && r.path.test(path));
    const entry: HeldRequest = { method, path, at: Date.now(), body: Buffer.concat(chunks).toString("utf8") };
    if (rule) {
      rule.times -= 1;
      this.held.push(entry);
    }
    if (rule?.phase === "request") {
      if (rule.ms === Infinity) return; // never answered: the bot's request hangs
      await sleep(rule.ms);
      entry.passedAt = Date.now();
    }
    const up = request({ host: "127.0.0.1", port: this.target.port, method, path: req.url, headers: req.headers }, (answer) => {
      void (async () => {
        const body: Buffer[] = [];
        for await (const c of answer) body.push(c as Buffer);
        if (rule?.phase === "response") {
          entry.passedAt = Date.now();
          if (rule.ms === Infinity) return;
          await sleep(rule.ms);
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.end(Buffer.concat(body));
      })();
    });
    up.on("error", () => res.destroy());
    up.end(Buffer.concat(chunks));
  }
}
