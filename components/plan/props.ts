import type { Props } from "./types.js";

/**
 * Turns a typed object (a Kubernetes object, AWS inputs) into plan props: plain JSON with
 * undefined fields removed, so plans compare and serialise exactly.
 */
export function toProps(value: object): Props {
  return JSON.parse(JSON.stringify(value)) as Props;
}
