// One rule for what a user is told, on Discord and in the console: a UserError's message, else a generic note
// with the error logged (token-free) under the command's name.
import { describe, expect, it } from "vitest";
import { GENERIC_ERROR, userFacing, UserError } from "../../src/render/errors.ts";
import { recordingLog } from "../support/log.ts";

const TOKEN = "MTExMTExMTExMTExMTExMTEx.GAbcde.abcdefghijklmnopqrstuvwxyz0123456789";

describe("userFacing", () => {
  it("shows a UserError's own message and logs nothing; the error keeps its identifier", () => {
    const { log } = recordingLog();
    const err = new UserError("who-needs-name", "Tell me a name.");
    expect(userFacing(err, log, { fields: { command: "/who" } })).toBe("Tell me a name.");
    expect(err.id).toBe("who-needs-name");
    expect(log.error).not.toHaveBeenCalled();
  });

  it("answers anything else with the generic note, logging the command and a token-free error", () => {
    const { log } = recordingLog();
    const message = userFacing(new Error(`boom ${TOKEN}`), log, { fields: { command: "/who", interaction: "7" }, secrets: [TOKEN] });
    expect(message).toBe(GENERIC_ERROR);
    const [fields, line] = log.error.mock.calls[0] as [Record<string, unknown>, string];
    expect(fields).toMatchObject({ command: "/who", interaction: "7", err: { type: "Error" } });
    expect(line).toBe("command failed");
    expect(JSON.stringify(fields)).not.toContain(TOKEN);
  });

  it("takes the surface's own log line and note", () => {
    const { log } = recordingLog();
    const message = userFacing("thrown string", log, { fields: { command: "/x" }, event: "console command failed", generic: "Sorry." });
    expect(message).toBe("Sorry.");
    expect(log.error.mock.calls[0]?.[1]).toBe("console command failed");
  });
});
