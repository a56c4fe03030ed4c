/** Security headers of every answer of the review server (src/server/app.ts). */

/**
 * Pages may be framed only by themselves and by the Office hosts that show add-in panes (Office on
 * the web, Microsoft 365, SharePoint/OneDrive, and Office operated by 21Vianet). Desktop Excel shows
 * the pane as a top-level web view, which frame-ancestors does not concern.
 */
export const OFFICE_FRAME_ANCESTORS = [
  "'self'",
  'https://*.officeapps.live.com',
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.microsoft365.com',
  'https://*.cloud.microsoft',
  'https://*.sharepoint.com',
  'https://*.officeapps.partner.office365.cn',
  'https://*.partner.outlook.cn',
  'https://*.sharepoint.cn',
];
export const PAGE_CSP = `frame-ancestors ${OFFICE_FRAME_ANCESTORS.join(' ')}; object-src 'none'; base-uri 'self'`;
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";
export const HSTS = 'max-age=31536000';
