import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** The pages' JavaScript, gzipped, may not grow past this: they must load fast on a phone. */
export const JS_BUDGET_BYTES = 60 * 1024;

/** Prints the gzipped size of the JavaScript the build wrote, and fails the build over budget. */
function javascriptBudget(): Plugin {
  return {
    name: 'account-pages-javascript-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      let total = 0;
      for (const file of Object.values(bundle)) if (file.type === 'chunk') total += gzipSync(file.code).length;
      const line = `account pages: ${(total / 1024).toFixed(1)} KB of JavaScript gzipped (budget ${JS_BUDGET_BYTES / 1024} KB)`;
      if (total > JS_BUDGET_BYTES) this.error(line);
      console.log(line);
    },
  };
}

// `npm run build` writes the pages to dist/web, which src/pages serves at /account/.
export default defineConfig({
  root: 'web',
  base: '/account/',
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    // Every browser these pages support preloads modules itself; the polyfill would be dead weight.
    modulePreload: { polyfill: false },
  },
  plugins: [javascriptBudget()],
});
