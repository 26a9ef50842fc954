// `npm run deploy-commands`: registers the slash commands and the message context menus with one bulk PUT (guild
// when DISCORD_GUILD_ID is set, instant; else global). PUT replaces the whole set, so running it twice changes
// nothing. Each definition says where it may be used (integration types and contexts: commands/define.ts).
import { loadConfig, requireKey } from "../config.ts";
import { safeError } from "../util/safeError.ts";
import { runCli } from "./run.ts";

runCli("deploy-commands", async () => {
  const config = loadConfig();
  const token = requireKey(config.discordToken, "DISCORD_TOKEN", "to deploy commands (the Bot tab of your application)");
  const clientId = requireKey(config.discordClientId, "DISCORD_CLIENT_ID", "to deploy commands (the application id)");
  const { REST, Routes } = await import("discord.js");
  const { definitions } = await import("../../commands/index.ts");
  const rest = new REST(config.discordApiBase ? { api: config.discordApiBase } : {}).setToken(token);
  const body = definitions();
  const guild = config.discordGuildId;
  const route = guild ? Routes.applicationGuildCommands(clientId, guild) : Routes.applicationCommands(clientId);
  let registered: unknown;
  try {
    registered = await rest.put(route, { body });
  } catch (err) {
    const cause = safeError(err, [token]);
    // The raw error stays out: only its token-free description travels on.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(`Discord refused the commands: ${cause.message}`);
  }
  // Slash commands as typed (/who); context menus as the Apps menu shows them ("Check this quote").
  const label = (c: { name?: string; type?: number }) => (c.type === undefined || c.type === 1 ? `/${c.name}` : `"${c.name}"`);
  const names = Array.isArray(registered) ? registered.map(label).join(", ") : "";
  const where = guild ? `to server ${guild} (available now)` : "globally (may take up to an hour to appear)";
  process.stdout.write(`Registered ${Array.isArray(registered) ? registered.length : body.length} commands ${where}: ${names}\n`);
});
