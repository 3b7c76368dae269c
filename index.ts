import { runProgram } from "./components/pulumi/program.js";

/** Stack outputs: one entry per service with its namespace, regions, tier and resource count. */
export const services = runProgram().services;
