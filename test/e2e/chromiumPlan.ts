// What the e2e project does about its browser before any test runs, as a pure function of what
// the machine offers, so that every branch is unit-tested (test/node/chromiumPlan.test.ts)
// without uninstalling anything. test/e2e/globalSetup.ts gathers the facts and carries the plan
// out. The tests never skip: a machine without the browser either gets it or fails, saying how
// to get it.

/** The command that installs Debian's Chromium, run as root. */
export const aptInstallChromium = 'apt-get update -qq && apt-get install -y -qq chromium'

export interface ChromiumFacts {
  /** The binary the tests will launch (RUNLENS_CHROMIUM, else Debian's). */
  path: string
  /** Where Debian's package puts it. */
  debianPath: string
  /** Whether `path` is an executable file. */
  present: boolean
  /** Whether this process runs as root. */
  root: boolean
  /** Whether apt-get is on the PATH. */
  aptGet: boolean
}

export type ChromiumPlan =
  | { action: 'use' }
  | { action: 'install'; command: string; notice: string }
  | { action: 'fail'; message: string }

export function chromiumPlan(facts: ChromiumFacts): ChromiumPlan {
  const { path, debianPath, present, root, aptGet } = facts
  if (present) return { action: 'use' }
  if (path !== debianPath) {
    // The user chose a binary: installing Debian's would not fix their setting.
    return {
      action: 'fail',
      message:
        `RUNLENS_CHROMIUM is ${path}, which is not an executable file. Point it at a Chromium ` +
        `binary, or unset it to use Debian's ${debianPath}:\n  unset RUNLENS_CHROMIUM`,
    }
  }
  if (root && aptGet) {
    return {
      action: 'install',
      command: aptInstallChromium,
      notice: `Chromium is missing (${debianPath}); installing Debian's package for the end-to-end tests: ${aptInstallChromium}`,
    }
  }
  if (aptGet) {
    return {
      action: 'fail',
      message:
        `The end-to-end tests need Chromium at ${debianPath}, which is missing. Install it with:\n` +
        '  sudo apt-get update && sudo apt-get install -y chromium\n' +
        'or set RUNLENS_CHROMIUM to another Chromium binary.',
    }
  }
  return {
    action: 'fail',
    message:
      `The end-to-end tests need Chromium at ${debianPath}, which is missing, and there is no ` +
      'apt-get here to install it. Point RUNLENS_CHROMIUM at a Chromium binary:\n' +
      '  RUNLENS_CHROMIUM=/path/to/chromium npm test',
  }
}
