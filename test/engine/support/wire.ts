/**
 * The Pulumi wire format as the engine sees it: gRPC and protobuf modules loaded from the
 * copy `@pulumi/pulumi` itself uses, and the sentinels its property encoding relies on.
 * @see https://github.com/pulumi/pulumi/blob/master/proto/pulumi/resource.proto
 */

import type * as grpcTypes from "@grpc/grpc-js";
import { createRequire } from "node:module";
import type * as emptyTypes from "google-protobuf/google/protobuf/empty_pb.js";
import type * as structTypes from "google-protobuf/google/protobuf/struct_pb.js";

const fromPulumi = createRequire(require.resolve("@pulumi/pulumi/package.json"));

/** `@grpc/grpc-js`, the instance `@pulumi/pulumi` and `@pulumi/policy` talk through. */
export const grpc = fromPulumi("@grpc/grpc-js") as typeof grpcTypes;

/** `google.protobuf.Struct` and friends. */
export const structpb = fromPulumi("google-protobuf/google/protobuf/struct_pb") as typeof structTypes;

/** `google.protobuf.Empty`. */
export const emptypb = fromPulumi("google-protobuf/google/protobuf/empty_pb") as typeof emptyTypes;

/** Loads one of the generated modules shipped in `@pulumi/pulumi/proto`. */
export function proto<T>(name: string): T {
  return fromPulumi(`./proto/${name}`) as T;
}

/** The sentinel string an unknown (not yet computed) value is sent as. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** The key that marks a special object (secret, resource reference, output value, asset). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
/** Signature of a secret: `{ [SIG_KEY]: SECRET_SIG, value }`. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** Signature of a resource reference: `{ [SIG_KEY]: RESOURCE_SIG, urn, id?, packageVersion }`. */
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
/** Signature of an output value: `{ [SIG_KEY]: OUTPUT_SIG, value?, secret?, dependencies? }`. */
export const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

/** A value as decoded from the wire, with Pulumi's special values made explicit. */
export type WireValue =
  | string
  | number
  | boolean
  | null
  | Unknown
  | Secret
  | ResourceRef
  | readonly WireValue[]
  | { readonly [key: string]: WireValue };

/** A value the engine does not know yet (preview). */
export interface Unknown {
  /** Marker. */
  readonly $unknown: true;
}

/** A value the engine must store encrypted. */
export interface Secret {
  /** The plain value inside the secret envelope. */
  readonly $secret: WireValue;
}

/** A reference to another resource. */
export interface ResourceRef {
  /** URN of the referenced resource. */
  readonly $resource: string;
}

/** The decoded unknown value. */
export const unknown: Unknown = Object.freeze({ $unknown: true as const });

/** True for a decoded unknown value. */
export function isUnknown(value: unknown): value is Unknown {
  return typeof value === "object" && value !== null && "$unknown" in value;
}

/** True for a decoded secret. */
export function isSecret(value: unknown): value is Secret {
  return typeof value === "object" && value !== null && "$secret" in value;
}

/** Decodes a plain JavaScript value produced by `Struct.toJavaScript()`, making sentinels explicit. */
export function decodeValue(value: unknown): WireValue {
  if (value === UNKNOWN) return unknown;
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value === null || typeof value !== "object") return value as WireValue;
  const obj = value as Record<string, unknown>;
  switch (obj[SIG_KEY]) {
    case SECRET_SIG:
      return { $secret: decodeValue(obj["value"]) };
    case RESOURCE_SIG:
      return { $resource: String(obj["urn"]) };
    case OUTPUT_SIG: {
      const inner = "value" in obj ? decodeValue(obj["value"]) : unknown;
      return obj["secret"] === true ? { $secret: inner } : inner;
    }
    case undefined:
      return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, decodeValue(v)]));
    default:
      throw new Error(`unsupported special value with signature ${String(obj[SIG_KEY])}`);
  }
}

/** Decodes a protobuf `Struct` (absent means empty). */
export function decodeStruct(struct: structTypes.Struct | undefined): Record<string, WireValue> {
  return (decodeValue(struct?.toJavaScript() ?? {}) as Record<string, WireValue>) ?? {};
}

/** Encodes a decoded value back into the wire's plain form (for answering and for the analyzer). */
export function encodeValue(value: WireValue): unknown {
  if (isUnknown(value)) return UNKNOWN;
  if (isSecret(value)) return { [SIG_KEY]: SECRET_SIG, value: encodeValue(value.$secret) };
  if (Array.isArray(value)) return value.map(encodeValue);
  if (value === null || typeof value !== "object") return value;
  if ("$resource" in value) return { [SIG_KEY]: RESOURCE_SIG, urn: (value as ResourceRef).$resource };
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeValue(v as WireValue)]));
}

/** Encodes a record of decoded values as a protobuf `Struct`. */
export function encodeStruct(values: Readonly<Record<string, WireValue>>): structTypes.Struct {
  return structpb.Struct.fromJavaScript(encodeValue(values) as Record<string, structTypes.JavaScriptValue>);
}
