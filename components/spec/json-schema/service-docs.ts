/**
 * Documentation of the fields every spec has whatever its domains: the document's header, its
 * `metadata`, `spec.regions` and `spec.environments`.
 */

import { always, doc, required, unset, type FieldDocs } from "../../core/spec/field-docs.js";
import { API_VERSION, MAX_SERVICE_NAME, TIERS } from "../../core/spec/service.js";

/** Documentation of the fields outside every domain's sections (full paths). */
export const SERVICE_FIELD_DOCS: FieldDocs = {
  apiVersion: doc(`Version of the spec format; ${API_VERSION}.`, required, "which schema the file is read with"),
  kind: doc("Kind of document; Service.", required),
  metadata: doc("Who the service is: name, owning team and tier.", required, "names and labels of every object"),
  "metadata.name": doc(
    `Service name: a DNS label of at most ${MAX_SERVICE_NAME} characters, unique across the services.`,
    required,
    "namespace, object names, alert labels, DNS and chaos names",
  ),
  "metadata.team": doc("Owning team.", required, "team label on every object and alert"),
  "metadata.tier": doc(
    `How demanding the service is: ${TIERS.join(", ")}. Selects the defaults and how strictly policies apply.`,
    required,
    "every tier default; policy enforcement; multi-region requirement in production",
  ),
  "metadata.description": doc("One line about the service.", unset("none"), "object annotations; status page"),
  "metadata.labels": doc(
    "Extra Kubernetes labels for every object.",
    unset("none"),
    "metadata.labels of every Kubernetes object",
  ),
  spec: doc("What the service runs and promises, one section per domain.", required),
  "spec.regions": doc(
    "AWS regions the service runs in; the stack decides which of them exist in an environment.",
    required,
    "one Kubernetes manifest, alert set and probe set per region; database and DNS regions",
  ),
  "spec.environments": doc(
    "Overlays by environment name (the stack's reliability:environment), deep-merged over spec: mappings merge key by key, lists and scalars replace, null removes a field.",
    always({}),
    "the spec each stack of that environment plans",
  ),
};
