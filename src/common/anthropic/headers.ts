/**
 * The request headers of every API call. The key goes into exactly one header, chosen by
 * `authHeader`; nothing else here may ever carry it.
 */

/** What the headers depend on. */
export interface HeaderConfig {
  apiKey: string;
  authHeader: 'x-api-key' | 'bearer';
  anthropicVersion: string;
  betas: readonly string[];
}

/**
 * Builds the headers for a JSON request: `content-type`, `anthropic-version`, one auth header and,
 * when betas are configured, one `anthropic-beta` header with the names joined by commas.
 */
export function buildHeaders(config: HeaderConfig): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'anthropic-version': config.anthropicVersion,
  };
  if (config.authHeader === 'bearer') {
    headers['authorization'] = `Bearer ${config.apiKey}`;
  } else {
    headers['x-api-key'] = config.apiKey;
  }
  // Blank names and duplicates would make the API reject the whole header.
  const betas = [...new Set(config.betas.map((b) => b.trim()).filter((b) => b.length > 0))];
  if (betas.length > 0) headers['anthropic-beta'] = betas.join(',');
  return headers;
}
