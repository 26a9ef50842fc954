// discord.js's values, required rather than imported. discord.js is CommonJS: imported from an ES module, Node 20
// first lexes its source, and that of every package it re-exports (its builders, discord-api-types' hundreds of
// files), for their export names, then runs it as require would. That lexing was a third of the package's load, some
// 0.12-0.15 s of CPU of every bot process's start (require 262-289 ms against import 399-444 ms, load 7-8). Its types
// are imported from "discord.js" as before (erased); its values come from here (eslint's no-restricted-imports). In a
// process the launcher started, they come from one bundled file compiled with V8's code cache (./discordBundle.ts).
import type * as Discord from "discord.js";
import { requireDiscord } from "./discordBundle.ts";

const discord = requireDiscord() as typeof Discord;

export const {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ButtonStyle,
  ChannelType,
  Client,
  ComponentType,
  ContextMenuCommandBuilder,
  DefaultRestOptions,
  Events,
  GatewayIntentBits,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  REST,
  Routes,
  ShardingManager,
  SlashCommandBuilder,
  SlashCommandSubcommandBuilder,
} = discord;
// The classes' instance types under the same names, as an import from "discord.js" gives them.
export type Client = Discord.Client;
export type ShardingManager = Discord.ShardingManager;
