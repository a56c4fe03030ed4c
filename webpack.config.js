/**
 * Builds the add-in's pages: taskpane.html (the React pane), commands.html (the UI-less function
 * file of the ribbon buttons) and dialog.html (the summary the 校验 button shows), plus
 * manifest.xml, the icons and the tiny ES5 check for old Internet-Explorer-based Office.
 *
 *   npm run build           production files in dist/ (ADDIN_ORIGIN sets the host; see scripts/addin-config.cjs)
 *   npm run dev-server      https://localhost:3000 with live reload (webpack-dev-server's own self-signed cert)
 */
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { PAGES, resolveConfig, contentSecurityPolicy } = require('./scripts/addin-config.cjs');
const { renderManifest } = require('./scripts/build-manifest.cjs');

/** Emits manifest.xml for the configured origin next to the pages. */
class ManifestPlugin {
  constructor(config) {
    this.config = config;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap('ManifestPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'ManifestPlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          compilation.emitAsset('manifest.xml', new webpack.sources.RawSource(renderManifest(this.config)));
        },
      );
    });
  }
}

module.exports = (_env, argv = {}) => {
  const mode = argv.mode === 'development' ? 'development' : 'production';
  const config = resolveConfig(mode);
  const dev = mode === 'development';
  if (config.usingDefaultProductionOrigin) {
    console.warn(
      `\n[jixiao] ADDIN_ORIGIN is not set: dist/manifest.xml points at ${config.origin}.\n` +
        '        Set ADDIN_ORIGIN=https://your-host to build for your own server.\n',
    );
  }
  const csp = contentSecurityPolicy(config);
  const page = (name, chunk, title) =>
    new HtmlWebpackPlugin({
      filename: PAGES[name],
      template: path.join(__dirname, 'src/taskpane/taskpane.html'),
      chunks: [chunk],
      inject: 'head',
      scriptLoading: 'defer',
      minify: dev ? false : { collapseWhitespace: true, removeComments: true },
      templateParameters: { csp, officeJsUrl: config.officeJsUrl, page: name, title },
    });

  return {
    mode,
    target: ['web', 'es2019'],
    // No eval-based source maps: the pages' CSP has no 'unsafe-eval', in development too.
    // no source maps in the production build unless asked for (SOURCE_MAPS=1): they would publish the sources
    devtool: dev ? 'cheap-module-source-map' : process.env.SOURCE_MAPS === '1' ? 'source-map' : false,
    entry: {
      taskpane: './src/excel/pane-entry.tsx',
      commands: './src/commands/commands.ts',
      dialog: './src/commands/dialog.ts',
      auth: './src/excel/auth-page.ts',
    },
    output: {
      path: path.join(__dirname, 'dist'),
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      publicPath: '/',
      clean: true,
    },
    resolve: { extensions: ['.tsx', '.ts', '.mjs', '.js'] },
    module: {
      rules: [
        {
          // The engine, review, Excel and reader modules do nothing on import: a page that uses one
          // export of a module (the pane's summary uses countBySeverity) does not pull in the rest
          // of what that module imports (the whole engine).
          test: /[\\/]src[\\/](core|review|excel|reader)[\\/].*\.tsx?$/,
          sideEffects: false,
        },
        {
          // Libraries ship ES2021/2022 syntax (tabster: class static blocks, ??=). Lower them to the
          // same ES2019 as our code so that legacy.js's ES2019 check is exactly what the pages need.
          test: /\.m?js$/,
          include: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              transpileOnly: true,
              onlyCompileBundledFiles: true,
              compilerOptions: { allowJs: true, checkJs: false, module: 'esnext', moduleResolution: 'bundler', target: 'ES2019', noEmit: false, sourceMap: false },
            },
          },
        },
        {
          // The pane's own makeStyles calls compiled ahead of time into the atomic classes Fluent's
          // components ship with (__styles): no runtime style compiler in the bundle, no style work
          // at first render. Runs after ts-loader (loaders apply last to first).
          test: /[\\/]src[\\/](taskpane|demo)[\\/].*\.tsx?$/,
          loader: '@griffel/webpack-loader',
        },
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              transpileOnly: true, // `npm run typecheck` checks types
              compilerOptions: {
                module: 'esnext', // ES modules let webpack tree-shake; CommonJS output bloats the bundle
                moduleResolution: 'bundler',
                target: 'ES2019', // Office on older Mac/Windows web views lacks ?. ?? and class fields
                noEmit: false,
                sourceMap: true,
              },
            },
          },
        },
      ],
    },
    optimization: {
      // The pane's first screen: its own code plus one long-cached vendors chunk (React, Fluent UI)
      // holding only the libraries the first screen needs. Code the pane loads later (settings,
      // review row, sign-in) becomes separate chunks that share modules instead of duplicating
      // them; the function file and the dialog never load the pane's vendors.
      splitChunks: {
        chunks: 'all',
        cacheGroups: {
          paneVendors: {
            test: /[\\/]node_modules[\\/]/,
            name: 'vendors',
            chunks: (chunk) => chunk.name === 'taskpane',
            priority: 10,
            enforce: true,
          },
        },
      },
    },
    performance: {
      // SPEC §8: the pane's initial JavaScript ≤ 150 KB gzip; webpack measures raw bytes,
      // test/build.test.ts measures gzip. Raw ≈ 3.5× gzip for this code.
      hints: dev ? false : 'warning',
      maxEntrypointSize: 900 * 1024,
      maxAssetSize: 900 * 1024,
    },
    plugins: [
      page('taskpane', 'taskpane', '绩效监控校验'),
      page('commands', 'commands', '绩效监控校验 — commands'),
      page('dialog', 'dialog', '绩效监控校验 — 校验结果'),
      page('auth', 'auth', '绩效监控校验 — 登录 Microsoft 365'),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'src/taskpane/legacy.js', to: 'legacy.js' },
        ],
      }),
      new ManifestPlugin(config),
      new webpack.DefinePlugin({
        // Build-time settings the pane may read (never workbook data).
        'process.env.JIXIAO_ADDIN_ORIGIN': JSON.stringify(config.origin),
        'process.env.JIXIAO_REVIEW_SERVER_ORIGIN': JSON.stringify(config.reviewServerOrigin),
      }),
    ],
    devServer: {
      port: 3000,
      host: 'localhost',
      // webpack-dev-server makes and keeps its own self-signed certificate; trust it once in the
      // browser by opening https://localhost:3000 (office-addin-dev-certs cannot install here).
      server: 'https',
      hot: true,
      // Office on the web fetches manifest.xml from the dev server when sideloading by URL.
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: [
        ...(config.officeJs === 'local' && fs.existsSync(path.join(__dirname, 'node_modules/@microsoft/office-js/dist'))
          ? [{ directory: path.join(__dirname, 'node_modules/@microsoft/office-js/dist'), publicPath: '/office-js', watch: false }]
          : []),
      ],
      client: { overlay: { warnings: false, errors: true } },
    },
  };
};
