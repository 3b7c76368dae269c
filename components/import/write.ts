/**
 * Writes an imported spec as YAML: a header naming the source, then the spec with a comment line
 * above each field an importer commented on.
 */

import { Document, isMap, isScalar, type Node } from "yaml";
import type { ImportedService } from "./types.js";

/** The key node of the field at `path`, if the document has it. */
function keyAt(doc: Document, path: readonly (string | number)[]): Node | undefined {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path[path.length - 1]);
  return isScalar(pair?.key) ? pair.key : undefined;
}

/** The YAML text of an imported service's spec. */
export function specText(service: ImportedService, header: readonly string[]): string {
  const doc = new Document(service.spec);
  doc.commentBefore = header.map((line) => ` ${line}`).join("\n");
  for (const c of service.comments) {
    const key = keyAt(doc, c.path);
    if (key) key.commentBefore = [key.commentBefore, ` ${c.text}`].filter((t) => t !== undefined).join("\n");
  }
  return doc.toString({ lineWidth: 0 });
}
