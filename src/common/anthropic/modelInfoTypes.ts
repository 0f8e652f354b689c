/**
 * `GET /v1/models` entries and the `count_tokens` answer, as this extension reads them.
 */

/** `{supported}` as the models endpoint reports each capability. */
export interface CapabilitySupport {
  supported: boolean;
  [key: string]: unknown;
}

/**
 * The part of `GET /v1/models` `capabilities` this extension reads. Everything is optional because
 * gateways send partial copies or nothing at all.
 */
export interface ApiModelCapabilities {
  thinking?: {
    supported?: boolean;
    types?: {
      adaptive?: CapabilitySupport | null;
      enabled?: CapabilitySupport | null;
      disabled?: CapabilitySupport | null;
      between_tools?: CapabilitySupport | null;
      [key: string]: unknown;
    } | null;
  } | null;
  effort?: {
    supported?: boolean;
    low?: CapabilitySupport | null;
    medium?: CapabilitySupport | null;
    high?: CapabilitySupport | null;
    xhigh?: CapabilitySupport | null;
    max?: CapabilitySupport | null;
  } | null;
  code_execution?: CapabilitySupport | null;
  image_input?: CapabilitySupport | null;
  pdf_input?: CapabilitySupport | null;
  server_tools?: {
    supported?: boolean;
    web_search?: CapabilitySupport | null;
    [key: string]: unknown;
  } | null;
  [key: string]: unknown;
}

/** One entry of `GET /v1/models`, normalized (gateways may send only `id`). */
export interface ModelInfo {
  id: string;
  display_name: string;
  created_at?: string;
  capabilities?: ApiModelCapabilities | null;
  max_input_tokens?: number | null;
  max_tokens?: number | null;
  [key: string]: unknown;
}

/** The answer of `POST /v1/messages/count_tokens`. */
export interface CountTokensResponse {
  input_tokens: number;
}
