/**
 * The shapes of the mesh objects the planner builds: the upstream models, plus the fields newer
 * releases added that the models do not know yet (Istio 1.26's `retries.backoff`, 1.27's `retryBudget`, Gateway API's
 * experimental `retry`).
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#TrafficPolicy-RetryBudget
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httprouteretry
 */

import type { IDestinationRule } from "@kubernetes-models/istio/networking.istio.io/v1beta1/DestinationRule" with {
  "resolution-mode": "import",
};
import type { IVirtualService } from "@kubernetes-models/istio/networking.istio.io/v1beta1/VirtualService" with {
  "resolution-mode": "import",
};
import type { IServiceEntry } from "@kubernetes-models/istio/networking.istio.io/v1beta1/ServiceEntry" with {
  "resolution-mode": "import",
};
import type { IHTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute" with {
  "resolution-mode": "import",
};
import type { IGRPCRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1alpha2/GRPCRoute" with {
  "resolution-mode": "import",
};
import type { CustomObject } from "../../../core/tokens.js";

type DestinationRuleSpec = NonNullable<IDestinationRule["spec"]>;
type HTTPRouteSpec = NonNullable<IHTTPRoute["spec"]>;
type HTTPRouteRule = NonNullable<HTTPRouteSpec["rules"]>[number];

/** Istio's retry budget (1.27+): retries in flight as a share of active requests, with a floor. */
export interface IstioRetryBudget {
  /** Share of active requests that may be retries, percent. */
  readonly percent: number;
  /** Retries allowed in flight whatever the share. */
  readonly minRetryConcurrency: number;
}

/** A DestinationRule, with Istio 1.27's retry budget. */
export type DestinationRuleObject = CustomObject<IDestinationRule> & {
  spec: DestinationRuleSpec & {
    trafficPolicy?: NonNullable<DestinationRuleSpec["trafficPolicy"]> & { retryBudget?: IstioRetryBudget };
  };
};

type VirtualServiceSpec = NonNullable<IVirtualService["spec"]>;
type HTTPRoute = NonNullable<VirtualServiceSpec["http"]>[number];
type HTTPRetry = NonNullable<HTTPRoute["retries"]>;

/** A VirtualService, with Istio 1.26's `retries.backoff` (base interval of the exponential backoff). */
export type VirtualServiceObject = CustomObject<IVirtualService> & {
  spec: VirtualServiceSpec & { http?: (HTTPRoute & { retries?: HTTPRetry & { backoff?: string } })[] };
};

/** A ServiceEntry. */
export type ServiceEntryObject = CustomObject<IServiceEntry>;

/** Gateway API's experimental retry of an HTTPRoute rule. */
export interface HTTPRouteRetry {
  /** HTTP status codes retried. */
  readonly codes?: number[];
  /** Retries after the first try. */
  readonly attempts?: number;
  /** Minimum wait between tries (GEP-2257 duration). */
  readonly backoff?: string;
}

/** An HTTPRoute, with the experimental channel's `retry`. */
export type HTTPRouteObject = CustomObject<IHTTPRoute> & {
  spec: HTTPRouteSpec & { rules?: (HTTPRouteRule & { retry?: HTTPRouteRetry })[] };
};

/** A GRPCRoute. */
export type GRPCRouteObject = CustomObject<IGRPCRoute>;
