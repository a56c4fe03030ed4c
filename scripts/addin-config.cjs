/**
 * The add-in's build settings in one place: where it is hosted, which Excel API set it requires,
 * and which origins the pages may talk to. webpack.config.js, scripts/build-manifest.cjs and the
 * tests all read this file, so the manifest, the pages and the CSP can never disagree.
 *
 * Environment overrides (all optional):
 *   ADDIN_ORIGIN          where the add-in's files are served, e.g. https://jixiao.finance.example.cn
 *                         (production default below; development is always https://localhost:3000)
 *   REVIEW_SERVER_ORIGIN  the 附件2 review server the pane may post rows to (default: ADDIN_ORIGIN,
 *                         because the review server also hosts the add-in's files, design §7)
 *   OFFICE_JS             "cdn" (default) or "local": development pages may load Office.js from
 *                         node_modules/@microsoft/office-js instead of Microsoft's CDN (offline work)
 */
'use strict';

/** Lowest ExcelApi set the core features need (read/mark/notes/settings); newer ones are detected at run time. */
const EXCEL_API_MIN_VERSION = '1.9';

/** Fixed add-in id: changing it makes Office treat the add-in as a different one. */
const ADDIN_ID = '7d1c6a3e-4b7f-4f0e-9c52-3a8e5f2b9d41';

const DEV_ORIGIN = 'https://localhost:3000';

/** Production host used by `npm run build` when ADDIN_ORIGIN is not set. Replace per deployment. */
const DEFAULT_PRODUCTION_ORIGIN = 'https://jixiao.example.cn';

/** The only supported source of Office.js for production pages. */
const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** Hosts the pane may connect to besides its own origin and the review server (sign-in and Graph). */
const SIGN_IN_ORIGIN = 'https://login.microsoftonline.com';
const SIGN_IN_AND_GRAPH_ORIGINS = [SIGN_IN_ORIGIN, 'https://graph.microsoft.com'];

/** Output page names: the manifest URLs and webpack's HtmlWebpackPlugin both use these. */
const PAGES = {
  taskpane: 'taskpane.html',
  commands: 'commands.html',
  dialog: 'dialog.html',
  // the Office-dialog sign-in for hosts without nested app authentication (src/excel/auth-page.ts);
  // its address is an SPA redirect URI of the app registration (docs/destinations.md)
  auth: 'auth.html',
};

function normalizeOrigin(value, name) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'https:') throw new Error(`${name} must be https:// (Office loads add-ins over HTTPS only): ${value}`);
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new Error(`${name} must be an origin without a path, e.g. https://jixiao.example.cn: ${value}`);
  }
  return url.origin;
}

/**
 * Settings for one build. mode: "development" (localhost) or "production".
 * env defaults to process.env; tests pass their own.
 */
function resolveConfig(mode, env = process.env) {
  const production = mode === 'production';
  const origin = production
    ? normalizeOrigin(env.ADDIN_ORIGIN || DEFAULT_PRODUCTION_ORIGIN, 'ADDIN_ORIGIN')
    : DEV_ORIGIN;
  const reviewServerOrigin = env.REVIEW_SERVER_ORIGIN
    ? normalizeOrigin(env.REVIEW_SERVER_ORIGIN, 'REVIEW_SERVER_ORIGIN')
    : origin;
  const officeJs = env.OFFICE_JS === 'local' && !production ? 'local' : 'cdn';
  return {
    mode: production ? 'production' : 'development',
    origin,
    reviewServerOrigin,
    officeJsUrl: officeJs === 'local' ? '/office-js/office.js' : OFFICE_JS_CDN,
    officeJs,
    excelApiMinVersion: EXCEL_API_MIN_VERSION,
    addinId: ADDIN_ID,
    usingDefaultProductionOrigin: production && !env.ADDIN_ORIGIN,
  };
}

/**
 * The Content-Security-Policy of every page (issue 6): scripts only from the add-in's own origin
 * and Microsoft's Office.js CDN, never inline; connections only to the add-in's origin, the
 * review server, and the sign-in and Graph hosts. Styles allow 'unsafe-inline' because Fluent UI
 * inserts its CSS at run time; that cannot run script.
 */
function contentSecurityPolicy(config) {
  const connect = new Set(["'self'", config.origin, config.reviewServerOrigin, ...SIGN_IN_AND_GRAPH_ORIGINS]);
  if (config.mode === 'development') connect.add(config.origin.replace(/^https:/, 'wss:')); // dev-server live reload
  const scripts = ["'self'", config.officeJs === 'cdn' ? new URL(OFFICE_JS_CDN).origin : null].filter(Boolean);
  return [
    "default-src 'self'",
    `script-src ${scripts.join(' ')}`,
    `connect-src ${[...connect].join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    // MSAL renews tokens silently in a hidden iframe of the sign-in host (the dialog page, and the
    // pane where NAA falls back to the browser flow)
    `frame-src ${SIGN_IN_ORIGIN}`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

module.exports = {
  EXCEL_API_MIN_VERSION,
  ADDIN_ID,
  DEV_ORIGIN,
  DEFAULT_PRODUCTION_ORIGIN,
  OFFICE_JS_CDN,
  SIGN_IN_AND_GRAPH_ORIGINS,
  PAGES,
  resolveConfig,
  contentSecurityPolicy,
  normalizeOrigin,
};
