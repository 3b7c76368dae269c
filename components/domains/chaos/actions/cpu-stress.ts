import { z } from "zod";
import { int } from "../../../core/spec/fields.js";
import { defineAction } from "./action.js";
import { containerNames, containersOf } from "./fields.js";

/**
 * `cpu-stress`: burns CPU in the service's containers (StressChaos `stressors.cpu`).
 * @see https://chaos-mesh.org/docs/simulate-heavy-stress-on-kubernetes/
 */
export const cpuStress = defineAction({
  action: "cpu-stress",
  kind: "StressChaos",
  field: "stressChaos",
  instant: false,
  disruptive: false,
  targeted: "never",
  params: z.strictObject({ cpuWorkers: int(1, 64).optional(), cpuLoad: int(1, 100).optional(), containerNames }),
  defaults: {
    /** @default 1 — stress workers. */
    cpuWorkers: 1,
    /** @default 80 — load per worker, percent. */
    cpuLoad: 80,
  },
  render: (p, { service }) => ({
    containerNames: containersOf(p.containerNames, service),
    stressors: { cpu: { workers: p.cpuWorkers, load: p.cpuLoad } },
  }),
});
