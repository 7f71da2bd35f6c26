/** The link-preview settings from the config (docs/configuration.md, `linkPreview*`). */
import type { Config } from '../config/config.js';
import type { LinkPreviewSettings } from '../jobs/linkPreview.js';
import { parseExemptions } from './address.js';
import { systemResolver, type Resolver } from './policy.js';

export type LinkPreviewConfig = Pick<
  Config,
  | 'linkPreviewsPerMessage'
  | 'linkPreviewPorts'
  | 'linkPreviewDenyDomains'
  | 'linkPreviewAllowDomains'
  | 'linkPreviewAllowAddresses'
  | 'linkPreviewTimeoutMs'
  | 'linkPreviewMaxRedirects'
  | 'linkPreviewMaxPageBytes'
  | 'linkPreviewMaxImageBytes'
  | 'linkPreviewCacheHours'
  | 'linkPreviewUserAgent'
>;

export function linkPreviewSettings(c: LinkPreviewConfig, resolver: Resolver = systemResolver): LinkPreviewSettings {
  return {
    policy: {
      ports: c.linkPreviewPorts.map(Number),
      exempt: parseExemptions(c.linkPreviewAllowAddresses),
      denyDomains: c.linkPreviewDenyDomains,
      allowDomains: c.linkPreviewAllowDomains,
      maxRedirects: c.linkPreviewMaxRedirects,
      timeoutMs: c.linkPreviewTimeoutMs,
      userAgent: c.linkPreviewUserAgent,
      resolver,
    },
    limits: { maxPageBytes: c.linkPreviewMaxPageBytes, maxImageBytes: c.linkPreviewMaxImageBytes, imageMaxSide: 800, imageMaxPixels: 50_000_000 },
    perMessage: c.linkPreviewsPerMessage,
    cacheMs: c.linkPreviewCacheHours * 3_600_000,
  };
}
