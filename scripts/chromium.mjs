// Debian's Chromium and its launch flags, shared by scripts/screenshot-storybook.mjs and
// test/e2e/harness.ts (types in chromium.d.mts). The e2e project's global setup
// (test/e2e/globalSetup.ts) installs it with apt-get when it can; `.ci/run` does too.

/** Where Debian's `chromium` package puts the browser. */
export const debianChromium = '/usr/bin/chromium'

/** The browser binary: RUNLENS_CHROMIUM when set (and not empty), else Debian's. */
export const chromiumPath = process.env.RUNLENS_CHROMIUM || debianChromium

/** Headless flags that keep Chromium quiet and offline. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
