import type { ActionRegistry } from "./action.js";
import { containerKill } from "./container-kill.js";
import { cpuStress } from "./cpu-stress.js";
import { dnsError } from "./dns-error.js";
import { httpAbort } from "./http-abort.js";
import { httpDelay } from "./http-delay.js";
import { memoryStress } from "./memory-stress.js";
import { networkDelay } from "./network-delay.js";
import { networkLoss } from "./network-loss.js";
import { networkPartition } from "./network-partition.js";
import { podFailure } from "./pod-failure.js";
import { podKill } from "./pod-kill.js";

/**
 * The registry of chaos actions: one line per action, in the order messages and docs list them.
 * The chaos domain module is built from it; tests build modules from registries of their own.
 */
export const CHAOS_ACTIONS = [
  podKill,
  podFailure,
  containerKill,
  networkDelay,
  networkLoss,
  networkPartition,
  cpuStress,
  memoryStress,
  dnsError,
  httpAbort,
  httpDelay,
] as const satisfies ActionRegistry;

/** A chaos action of the catalogue. */
export type ChaosAction = (typeof CHAOS_ACTIONS)[number]["action"];
