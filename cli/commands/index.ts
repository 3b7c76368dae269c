import type { Command } from "commander";
import type { RunState } from "../command.js";
import type { Io } from "../io.js";
import { budgetCommand } from "./budget.js";
import { chaosCommand } from "./chaos.js";
import { completionCommand } from "./completion.js";
import { checkCommand } from "./check.js";
import { diffCommand } from "./diff.js";
import { graphCommand } from "./graph.js";
import { incidentsCommand } from "./incidents.js";
import { explainCommand } from "./explain.js";
import { initCommand } from "./init.js";
import { importCommand } from "./import.js";
import { planCommand } from "./plan.js";
import { renderCommand } from "./render.js";
import { statusCommand } from "./status.js";
import { validateCommand } from "./validate.js";

/** Builds one subcommand bound to the run's streams and state. */
export type CommandFactory = (io: Io, state: RunState) => Command;

/** Every subcommand of `reliability`, in help order. */
export const COMMANDS: readonly CommandFactory[] = [
  planCommand,
  validateCommand,
  renderCommand,
  checkCommand,
  diffCommand,
  budgetCommand,
  graphCommand,
  chaosCommand,
  statusCommand,
  incidentsCommand,
  initCommand,
  explainCommand,
  completionCommand,
  importCommand,
];
