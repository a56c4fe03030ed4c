/**
 * Build of the demonstration host (npm run demo, the browser tests and the bench), kept apart from
 * webpack.config.js so the add-in's own build is untouched. It reuses that config as is:
 *
 *   [0] the add-in's production build, unchanged except that (a) it is written to node_modules/.cache/jixiao-demo/site/ and
 *       (b) taskpane.html loads /office-sim.js (the in-memory Excel) where Office.js would come from
 *       Microsoft's CDN — exactly like the OFFICE_JS=local development option swaps the source;
 *   [1] the demo page (index.html + demo.js) and office-sim.js, built with the same module rules.
 *
 * `env.baseline` builds instead, with the same rules and optimisation, a tiny page rendering
 * React + FluentProvider alone into node_modules/.cache/jixiao-demo/baseline/ — the yardstick the bench prints beside the
 * pane's initial JavaScript.
 */
'use strict';
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const addinConfig = require('./webpack.config.js');

// Outside dist/ so `npm run build` (which empties dist/) never pulls the files from under a running demo.
const OUT = path.join(__dirname, 'node_modules', '.cache', 'jixiao-demo', 'site');
const BASELINE_OUT = path.join(__dirname, 'node_modules', '.cache', 'jixiao-demo', 'baseline');

/** The add-in's production config, written to `out`, its task pane loading Office.js from `officeJsUrl`. */
function addin(out, officeJsUrl) {
  const prevWarn = console.warn;
  console.warn = () => undefined; // the "ADDIN_ORIGIN is not set" notice is about dist/manifest.xml, not this build
  let c;
  try {
    c = addinConfig({}, { mode: 'production' });
  } finally {
    console.warn = prevWarn;
  }
  c.output = { ...c.output, path: out, clean: false };
  for (const p of c.plugins) {
    if (p instanceof HtmlWebpackPlugin) {
      // html-webpack-plugin 5 merges its options in the constructor; change both copies
      for (const o of [p.userOptions, p.options]) {
        if (o && o.templateParameters) o.templateParameters = { ...o.templateParameters, officeJsUrl };
      }
    }
  }
  delete c.devServer;
  return c;
}

function sideConfig(base, entry, out, pages) {
  return {
    mode: 'production',
    target: base.target,
    devtool: false,
    entry,
    output: { path: out, filename: '[name].js', publicPath: '/', clean: false },
    resolve: base.resolve,
    module: base.module,
    performance: { hints: false },
    plugins: pages,
  };
}

module.exports = (env = {}) => {
  if (env.baseline) {
    const base = addin(env.out ? path.resolve(env.out) : BASELINE_OUT, '/none.js');
    // same rules, same optimisation (vendors chunk), one page
    return {
      ...base,
      entry: { taskpane: './src/demo/baseline.tsx' },
      plugins: [new HtmlWebpackPlugin({ filename: 'index.html', chunks: ['taskpane'], inject: 'head', scriptLoading: 'defer', templateContent: '<!doctype html><html><body><div id="root"></div></body></html>' })],
    };
  }
  // --env out=DIR: build elsewhere (src/demo/server.ts builds into a temporary folder, then swaps it in)
  const out = env.out ? path.resolve(env.out) : OUT;
  const pane = addin(out, '/office-sim.js');
  const demo = sideConfig(
    pane,
    { demo: './src/demo/page.ts', 'office-sim': './src/demo/office-sim.ts' },
    out,
    [new HtmlWebpackPlugin({ filename: 'index.html', template: path.join(__dirname, 'src/demo/index.html'), chunks: ['demo'], inject: 'head', scriptLoading: 'defer' })],
  );
  return [pane, demo];
};

module.exports.OUT = OUT;
module.exports.BASELINE_OUT = BASELINE_OUT;
