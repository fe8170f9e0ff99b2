// Debian's Chromium and its launch flags, shared by scripts/screenshot-storybook.mjs and
// test/e2e/harness.ts (types in chromium.d.mts). `.ci/run` installs it with apt-get.

/** The browser binary: RUNLENS_CHROMIUM, else Debian's /usr/bin/chromium. */
export const chromiumPath = process.env.RUNLENS_CHROMIUM ?? '/usr/bin/chromium'

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
