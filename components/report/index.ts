export { commentMarker, renderMarkdown } from "./markdown.js";
export { renderSarif, SARIF_SCHEMA, TOOL_NAME } from "./sarif.js";
export { renderJson, renderText } from "./text.js";
export { counts, verdict, type CheckReport } from "./types.js";
