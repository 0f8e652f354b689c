/**
 * The sampling parameters of a request (`temperature`, `top_p`, `top_k`): only where the model
 * accepts them and the API version still has them, each within its range, `temperature` with
 * `top_p` only where the model takes both (else temperature wins), and with thinking on,
 * `temperature` only if 1, `top_p` only within 0.95..1 and no `top_k` (reference §1.2).
 */
import type { RequestPartContext } from './requestSettings';
import type { ThinkingChoice } from './requestThinking';

/** The sampling parameters to send; null means not sent. */
export interface SamplingParameters {
  temperature: number | null;
  topP: number | null;
  topK: number | null;
}

const NONE: SamplingParameters = { temperature: null, topP: null, topK: null };

/**
 * The first API version without sampling parameters: under it any value is refused, on every model
 * (reference §1.2). Versions are dates, so later ones compare greater as strings.
 */
export const SAMPLING_REMOVED_IN_VERSION = '2026-10-21';

/** The sampling parameters to send, each dropped (with a warning) where the API would refuse it. */
export function chooseSampling(part: RequestPartContext, thinking: ThinkingChoice): SamplingParameters {
  const accepted = keptByVersion(acceptedByModel(part), part);
  const inRange = withinRanges(accepted, part.warnings);
  const valid = part.capabilities.sampling === 'all' ? inRange : withoutTemperatureAndTopP(inRange, part.warnings);
  return thinking.active ? allowedWithThinking(valid, part.warnings) : valid;
}

/** The parameters that are set, as the warning names them. */
function setParameters({ temperature, topP, topK }: SamplingParameters): string {
  return [
    temperature !== null ? 'temperature (claudeMessages.temperature)' : undefined,
    topP !== null ? 'top_p (claudeMessages.topP)' : undefined,
    topK !== null ? 'top_k (claudeMessages.topK)' : undefined,
  ].filter((d): d is string => d !== undefined).join(', ');
}

function acceptedByModel({ settings, capabilities: caps, warnings }: RequestPartContext): SamplingParameters {
  const { temperature, topP, topK } = settings;
  if (caps.sampling !== 'none') return { temperature, topP, topK };
  const dropped = setParameters(settings);
  if (dropped !== '') warnings.push(`${settings.model} does not accept sampling parameters; not sent: ${dropped}.`);
  return NONE;
}

/** Nothing under an API version that removed the parameters, whatever the model takes. */
function keptByVersion(sampling: SamplingParameters, { settings, warnings }: RequestPartContext): SamplingParameters {
  const version = settings.anthropicVersion;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(version) || version < SAMPLING_REMOVED_IN_VERSION) return sampling;
  const dropped = setParameters(sampling);
  if (dropped !== '') warnings.push(`anthropic-version ${version} has no sampling parameters; not sent: ${dropped} (claudeMessages.anthropicVersion).`);
  return NONE;
}

function withinRanges(sampling: SamplingParameters, warnings: string[]): SamplingParameters {
  let { temperature, topP, topK } = sampling;
  if (temperature !== null && (temperature < 0 || temperature > 1)) {
    warnings.push(`temperature must be between 0 and 1; ${temperature} was not sent (claudeMessages.temperature).`);
    temperature = null;
  }
  if (topP !== null && (topP < 0 || topP > 1)) {
    warnings.push(`top_p must be between 0 and 1; ${topP} was not sent (claudeMessages.topP).`);
    topP = null;
  }
  if (topK !== null && (!Number.isInteger(topK) || topK < 1)) {
    warnings.push(`top_k must be a whole number of at least 1; ${topK} was not sent (claudeMessages.topK).`);
    topK = null;
  }
  return { temperature, topP, topK };
}

function withoutTemperatureAndTopP(sampling: SamplingParameters, warnings: string[]): SamplingParameters {
  if (sampling.temperature === null || sampling.topP === null) return sampling;
  warnings.push('temperature and top_p cannot be sent together; only temperature is sent (claudeMessages.topP ignored).');
  return { ...sampling, topP: null };
}

function allowedWithThinking(sampling: SamplingParameters, warnings: string[]): SamplingParameters {
  let { temperature, topP, topK } = sampling;
  if (temperature !== null && temperature !== 1) {
    warnings.push(`With thinking, temperature can only be 1; ${temperature} was not sent (claudeMessages.temperature).`);
    temperature = null;
  }
  if (topP !== null && topP < 0.95) {
    warnings.push(`With thinking, top_p must be between 0.95 and 1; ${topP} was not sent (claudeMessages.topP).`);
    topP = null;
  }
  if (topK !== null) {
    warnings.push(`With thinking, top_k cannot be set; ${topK} was not sent (claudeMessages.topK).`);
    topK = null;
  }
  return { temperature, topP, topK };
}
