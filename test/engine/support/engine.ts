/**
 * A loopback stand-in for the Pulumi engine: the `ResourceMonitor` and `Engine` gRPC services a
 * Node.js program talks to during `pulumi preview` (dry run) and `pulumi up`. It records every
 * registration and answers the way the engine does: unknown ids and computed outputs in preview,
 * values in an update.
 * @see https://github.com/pulumi/pulumi/blob/master/proto/pulumi/resource.proto
 */

import type * as grpcTypes from "@grpc/grpc-js";
import type * as emptyPb from "google-protobuf/google/protobuf/empty_pb.js";
import type * as engineGrpc from "@pulumi/pulumi/proto/engine_grpc_pb.js";
import type * as enginePb from "@pulumi/pulumi/proto/engine_pb.js";
import type * as resourceGrpc from "@pulumi/pulumi/proto/resource_grpc_pb.js";
import type * as resourcePb from "@pulumi/pulumi/proto/resource_pb.js";
import { decodeStruct, emptypb, encodeStruct, grpc, proto, type WireValue } from "./wire.js";

const rpb = proto<typeof resourcePb>("resource_pb");
const rgrpc = proto<typeof resourceGrpc>("resource_grpc_pb");
const epb = proto<typeof enginePb>("engine_pb");
const egrpc = proto<typeof engineGrpc>("engine_grpc_pb");
const { Empty } = emptypb;

/** Monitor features the real engine (3.x) reports as supported. */
export const ENGINE_FEATURES: ReadonlySet<string> = new Set([
  "secrets",
  "resourceReferences",
  "outputValues",
  "deletedWith",
  "replaceWith",
  "aliasSpecs",
  "transforms",
  "invokeTransforms",
  "parameterization",
  "resourceHooks",
  "errorHooks",
]);

/** One `RegisterResource` request as the engine received it, with the answer it got. */
export interface Registration {
  /** URN the engine assigned. */
  readonly urn: string;
  /** Type token. */
  readonly type: string;
  /** Logical name. */
  readonly name: string;
  /** Custom (provider-managed) resource, as opposed to a component. */
  readonly custom: boolean;
  /** URN of the parent ("" for the stack itself). */
  readonly parent: string;
  /** Provider reference `<urn>::<id>` ("" when none was given). */
  readonly provider: string;
  /** Inputs, with secrets and unknowns made explicit. */
  readonly inputs: Readonly<Record<string, WireValue>>;
  /** URNs of every resource it depends on. */
  readonly dependencies: readonly string[];
  /** Per input property, the URNs it depends on. */
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  /** `protect`, if the program set it. */
  readonly protect: boolean | undefined;
  /** `retainOnDelete`, if the program set it. */
  readonly retainOnDelete: boolean | undefined;
  /** `additionalSecretOutputs`. */
  readonly additionalSecretOutputs: readonly string[];
  /** `ignoreChanges`. */
  readonly ignoreChanges: readonly string[];
  /** Id answered ("" in preview). */
  readonly id: string;
  /** The state answered: inputs plus computed outputs (values in an update, absent in preview). */
  state: Readonly<Record<string, WireValue>>;
}

/** A diagnostic the program sent through `Engine.Log`. */
export interface LogEntry {
  /** `DEBUG`, `INFO`, `WARNING` or `ERROR`. */
  readonly severity: string;
  /** The message text. */
  readonly message: string;
  /** URN it is about, if any. */
  readonly urn: string;
}

/** How the engine answers registrations. */
export interface EngineOptions {
  /** Stack name, for URNs. */
  readonly stack: string;
  /** Project name, for URNs. */
  readonly project: string;
  /** Preview (`true`) or update. */
  readonly dryRun: boolean;
  /** Output properties a provider computes for a resource (filled with values in an update). */
  readonly computed?: (type: string, name: string) => readonly string[];
  /** The value a computed output gets in an update. */
  readonly computedValue?: (type: string, name: string, attr: string) => string;
}

/** What a run sent to the engine. */
export interface EngineRecord {
  /** Every registration, in arrival order. */
  readonly registrations: Registration[];
  /** `RegisterResourceOutputs` by URN. */
  readonly outputs: Map<string, Record<string, WireValue>>;
  /** `Engine.Log` calls. */
  readonly logs: LogEntry[];
  /** Features the program asked about. */
  readonly features: string[];
  /** Calls the engine does not serve here (`Invoke`, `Call`, `ReadResource`, ...). */
  readonly unsupported: string[];
  /** Root resource URN set by the program. */
  root: string;
  /** True once the program signalled shutdown. */
  shutdown: boolean;
}

/** The default computed value: deterministic, names the attribute and the resource (never contains `::`). */
export function syntheticValue(type: string, name: string, attr: string): string {
  return `${attr}-of-${type}/${name}`;
}

/** The URN part of a provider reference `<urn>::<id>`. */
export function providerUrn(reference: string): string {
  return reference.slice(0, reference.lastIndexOf("::"));
}

/** The logical name at the end of a URN. */
export function urnName(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

type Unary<Req, Res> = (call: grpcTypes.ServerUnaryCall<Req, Res>, callback: grpcTypes.sendUnaryData<Res>) => void;

/** A running loopback engine. */
export class LoopbackEngine {
  /** What the program sent. */
  readonly record: EngineRecord = {
    registrations: [],
    outputs: new Map(),
    logs: [],
    features: [],
    unsupported: [],
    root: "",
    shutdown: false,
  };
  private readonly types = new Map<string, string>();
  private readonly server = new grpc.Server();
  /** `127.0.0.1:<port>`, once started. */
  address = "";

  private constructor(private readonly options: EngineOptions) {
    this.server.addService(rgrpc.ResourceMonitorService, this.monitorService());
    this.server.addService(egrpc.EngineService, this.engineService());
  }

  /** Starts an engine on an ephemeral loopback port. */
  static async start(options: EngineOptions): Promise<LoopbackEngine> {
    const engine = new LoopbackEngine(options);
    const port = await new Promise<number>((resolve, reject) =>
      engine.server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
        err ? reject(err) : resolve(p),
      ),
    );
    engine.address = `127.0.0.1:${port}`;
    return engine;
  }

  /** Stops serving, cancelling any call still open. */
  stop(): void {
    this.server.forceShutdown();
  }

  private monitorService(): grpcTypes.UntypedServiceImplementation {
    const unsupported =
      (method: string): Unary<unknown, unknown> =>
      (_call, callback) => {
        this.record.unsupported.push(method);
        callback({ code: grpc.status.UNIMPLEMENTED, details: `${method} is not served by the loopback engine` });
      };
    return {
      supportsFeature: this.supportsFeature,
      registerResource: this.registerResource,
      registerResourceOutputs: this.registerResourceOutputs,
      signalAndWaitForShutdown: ((_call, callback) => {
        this.record.shutdown = true;
        callback(null, new Empty());
      }) as Unary<emptyPb.Empty, emptyPb.Empty>,
      registerPackage: ((call, callback) =>
        callback(
          null,
          new rpb.RegisterPackageResponse().setRef(`${call.request.getName()}@${call.request.getVersion()}`),
        )) as Unary<resourcePb.RegisterPackageRequest, resourcePb.RegisterPackageResponse>,
      ...Object.fromEntries(
        [
          "invoke",
          "call",
          "readResource",
          "registerStackTransform",
          "registerStackInvokeTransform",
          "registerResourceHook",
          "registerErrorHook",
          "getDeploymentInfo",
        ].map((m) => [m, unsupported(m)]),
      ),
    };
  }

  private engineService(): grpcTypes.UntypedServiceImplementation {
    const severities = ["DEBUG", "INFO", "WARNING", "ERROR"];
    return {
      log: ((call, callback) => {
        const r = call.request;
        this.record.logs.push({
          severity: severities[r.getSeverity()] ?? String(r.getSeverity()),
          message: r.getMessage(),
          urn: r.getUrn(),
        });
        callback(null, new Empty());
      }) as Unary<enginePb.LogRequest, emptyPb.Empty>,
      getRootResource: ((_call, callback) =>
        callback(null, new epb.GetRootResourceResponse().setUrn(this.record.root))) as Unary<
        enginePb.GetRootResourceRequest,
        enginePb.GetRootResourceResponse
      >,
      setRootResource: ((call, callback) => {
        this.record.root = call.request.getUrn();
        callback(null, new epb.SetRootResourceResponse());
      }) as Unary<enginePb.SetRootResourceRequest, enginePb.SetRootResourceResponse>,
      requirePulumiVersion: ((_call, callback) => callback(null, new epb.RequirePulumiVersionResponse())) as Unary<
        enginePb.RequirePulumiVersionRequest,
        enginePb.RequirePulumiVersionResponse
      >,
      startDebugging: ((_call, callback) =>
        callback({ code: grpc.status.UNIMPLEMENTED, details: "no debugger" })) as Unary<unknown, unknown>,
    };
  }

  private readonly supportsFeature: Unary<resourcePb.SupportsFeatureRequest, resourcePb.SupportsFeatureResponse> = (
    call,
    callback,
  ) => {
    const id = call.request.getId();
    this.record.features.push(id);
    callback(null, new rpb.SupportsFeatureResponse().setHassupport(ENGINE_FEATURES.has(id)));
  };

  private readonly registerResourceOutputs: Unary<resourcePb.RegisterResourceOutputsRequest, emptyPb.Empty> = (
    call,
    callback,
  ) => {
    this.record.outputs.set(call.request.getUrn(), decodeStruct(call.request.getOutputs()));
    callback(null, new Empty());
  };

  private readonly registerResource: Unary<resourcePb.RegisterResourceRequest, resourcePb.RegisterResourceResponse> = (
    call,
    callback,
  ) => {
    try {
      const registration = this.toRegistration(call.request);
      this.record.registrations.push(registration);
      callback(null, this.answer(registration));
    } catch (error) {
      callback({ code: grpc.status.INTERNAL, details: (error as Error).stack ?? String(error) });
    }
  };

  private toRegistration(r: resourcePb.RegisterResourceRequest): Registration {
    const type = r.getType();
    const name = r.getName();
    const parent = r.getParent();
    const urn = this.urnOf(type, name, parent);
    const custom = r.getCustom();
    const propertyDependencies: Record<string, string[]> = {};
    r.getPropertydependenciesMap().forEach((deps, key) => (propertyDependencies[key] = deps.getUrnsList()));
    const id = !custom || this.options.dryRun ? "" : (this.options.computedValue ?? syntheticValue)(type, name, "id");
    return {
      urn,
      type,
      name,
      custom,
      parent,
      id,
      provider: r.getProvider(),
      inputs: decodeStruct(r.getObject()),
      dependencies: r.getDependenciesList(),
      propertyDependencies,
      protect: r.hasProtect() ? r.getProtect() : undefined,
      retainOnDelete: r.hasRetainondelete() ? r.getRetainondelete() : undefined,
      additionalSecretOutputs: r.getAdditionalsecretoutputsList(),
      ignoreChanges: r.getIgnorechangesList(),
      state: {},
    };
  }

  private answer(reg: Registration): resourcePb.RegisterResourceResponse {
    const computed: Record<string, WireValue> = {};
    if (reg.custom && !this.options.dryRun) {
      for (const attr of this.options.computed?.(reg.type, reg.name) ?? []) {
        if (attr === "id" || attr === "urn") continue;
        const value = (this.options.computedValue ?? syntheticValue)(reg.type, reg.name, attr);
        computed[attr] = reg.additionalSecretOutputs.includes(attr) ? { $secret: value } : value;
      }
    }
    reg.state = { ...reg.inputs, ...computed };
    return new rpb.RegisterResourceResponse()
      .setUrn(reg.urn)
      .setId(reg.id)
      .setObject(encodeStruct(reg.state))
      .setResult(rpb.Result.SUCCESS);
  }

  /** The engine's URN scheme: the parent's type chain (below the stack) qualifies the type. */
  private urnOf(type: string, name: string, parent: string): string {
    const parentType = parent ? this.types.get(parent) : undefined;
    if (parent && parentType === undefined) throw new Error(`parent ${parent} of ${type} ${name} was never registered`);
    const qualified = parentType && parentType !== "pulumi:pulumi:Stack" ? `${parentType}$${type}` : type;
    const urn = `urn:pulumi:${this.options.stack}::${this.options.project}::${qualified}::${name}`;
    this.types.set(urn, qualified);
    return urn;
  }
}
