// Builds the panel the way Grafana loads it: one AMD module (dist/module.js)
// whose shared packages stay external, so that the plugin runs on the
// React and @grafana/* instances of the Grafana that loads it.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import CopyPlugin from 'copy-webpack-plugin';

const here = dirname(fileURLToPath(import.meta.url));
const { version } = JSON.parse(readFileSync(resolve(here, 'package.json'), 'utf8'));

/** Fills the placeholders of plugin.json that Grafana shows on the plugin's page. */
function stampPluginJson(content) {
  const today = new Date().toISOString().slice(0, 10);
  return content.toString().replace('%VERSION%', version).replace('%TODAY%', today);
}

/** Packages Grafana provides to plugins at run time; bundling them would load a second copy. */
const SHARED = [
  'react',
  'react-dom',
  '@grafana/data',
  '@grafana/ui',
  '@grafana/runtime',
  '@emotion/css',
  '@emotion/react',
  'lodash',
  'rxjs',
];

export default (_env, argv) => ({
  mode: argv.mode ?? 'production',
  context: here,
  entry: './src/module.ts',
  devtool: 'source-map',
  target: 'web',
  externals: SHARED,
  output: {
    path: resolve(here, 'dist'),
    filename: 'module.js',
    library: { type: 'amd' },
    clean: true,
    // Grafana serves a plugin's files under its own public path; no chunks are split off.
    publicPath: '/',
  },
  resolve: { extensions: ['.ts', '.tsx', '.js'] },
  module: {
    rules: [
      {
        test: /\.tsx?$/,
        exclude: /node_modules/,
        loader: 'esbuild-loader',
        // Classic JSX (React.createElement): needs only `react` from the host.
        options: { target: 'es2020', jsx: 'transform' },
      },
    ],
  },
  plugins: [
    new CopyPlugin({
      patterns: [
        { from: 'src/plugin.json', to: '.', transform: stampPluginJson },
        { from: 'src/img', to: 'img' },
        { from: 'README.md', to: '.' },
      ],
    }),
  ],
  performance: { hints: false },
});
