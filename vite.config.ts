import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defaultClientConditions, defaultServerConditions } from 'vite'
import { defineConfig } from 'vitest/config'

// Workspace packages resolve to their TypeScript sources through this export condition, so tests,
// Storybook and the demo run without a build step. Published builds never see it.
const source = '@runlens/source'

const react18 = fileURLToPath(new URL('./test/react18/node_modules/', import.meta.url))
const testingLibraryEsm = fileURLToPath(
  new URL('./node_modules/@testing-library/react/dist/@testing-library/react.esm.js', import.meta.url),
)

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: [source, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [source, ...defaultServerConditions] } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/{client,simulator}/test/**/*.test.ts', 'test/node/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'react19',
          environment: 'jsdom',
          setupFiles: ['test/dom/setup.ts'],
          include: ['packages/react/test/**/*.test.{ts,tsx}', 'test/dom/**/*.test.{ts,tsx}'],
        },
      },
      {
        // The same DOM tests against React 18: react and react-dom are redirected to the copies in
        // test/react18, and the libraries that import react are inlined so the redirect reaches them.
        extends: true,
        resolve: {
          alias: [
            { find: /^react$/, replacement: `${react18}react/index.js` },
            { find: /^react\/(.*)$/, replacement: `${react18}react/$1.js` },
            { find: /^react-dom$/, replacement: `${react18}react-dom/index.js` },
            { find: /^react-dom\/(.*)$/, replacement: `${react18}react-dom/$1.js` },
            // Its CommonJS entry would require() React past the aliases; the ESM build goes through them.
            { find: /^@testing-library\/react$/, replacement: testingLibraryEsm },
          ],
        },
        test: {
          name: 'react18',
          environment: 'jsdom',
          setupFiles: ['test/dom/setup.ts'],
          include: ['packages/react/test/**/*.test.{ts,tsx}', 'test/dom/**/*.test.{ts,tsx}'],
          server: {
            deps: {
              inline: [/@tanstack\/react-query/, /@testing-library\/react/, /zustand/, /@storybook\/react/],
            },
          },
        },
      },
      {
        // The demo in Chromium (playwright-core) and the demo's production bundle; see test/e2e.
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          // Makes sure Chromium is there (installing it as root with apt-get) or fails the run.
          globalSetup: ['test/e2e/globalSetup.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
