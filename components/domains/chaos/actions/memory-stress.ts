import { z } from "zod";
import { pattern } from "../../../core/spec/fields.js";
import { defineAction } from "./action.js";
import { containerNames, containersOf } from "./fields.js";

/**
 * `memory-stress`: fills memory in the service's containers with one worker (StressChaos
 * `stressors.memory`).
 * @see https://chaos-mesh.org/docs/simulate-heavy-stress-on-kubernetes/
 */
export const memoryStress = defineAction({
  action: "memory-stress",
  kind: "StressChaos",
  field: "stressChaos",
  instant: false,
  disruptive: false,
  targeted: "never",
  params: z.strictObject({
    memorySize: pattern(/^[1-9]\d*(KB|MB|GB|%)$/, "must be a size such as 256MB or 50%").optional(),
    containerNames,
  }),
  defaults: {
    /** @default "256MB" — memory the worker takes. */
    memorySize: "256MB",
  },
  render: (p, { service }) => ({
    containerNames: containersOf(p.containerNames, service),
    stressors: { memory: { workers: 1, size: p.memorySize } },
  }),
});
