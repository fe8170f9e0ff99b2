// The READMEs are the first code a user copies: every ```ts and ```tsx block in README.md and
// packages/*/README.md is type-checked here, as a module of its own, against the workspace sources
// (the `@runlens/source` condition), so an example cannot drift from the API. Twice: under the
// workspace's settings (tsconfig.json: strict, noUncheckedIndexedAccess), and under those of a new
// Vite react-ts app, where a user pastes them (noUnusedLocals, noUnusedParameters, bundler
// resolution). A block that cannot compile by nature opts out on its fence: ```ts nocheck.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { beforeAll, describe, expect, test } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))

const readmes = [
  'README.md',
  ...readdirSync(join(root, 'packages'))
    .map((name) => `packages/${name}/README.md`)
    .filter((path) => existsSync(join(root, path))),
]

interface Example {
  /** `README.md:42`, the line of the opening fence. */
  name: string
  readme: string
  /** The README line of the block's first line of code. */
  firstLine: number
  /** Where the compiler sees it: next to its README, so that it resolves packages as a user would. */
  file: string
  code: string
  nocheck: boolean
}

const fence = /^```(ts|tsx|typescript)(?:[ \t]+([^\n]*))?\n([\s\S]*?)^```[ \t]*$/gm

function examplesOf(readme: string, text = readFileSync(join(root, readme), 'utf8')): Example[] {
  return [...text.matchAll(fence)].map((match) => {
    const line = text.slice(0, match.index).split('\n').length
    const extension = match[1] === 'tsx' ? 'tsx' : 'ts'
    return {
      name: `${readme}:${line}`,
      readme,
      firstLine: line + 1,
      file: join(root, dirname(readme), `${basename(readme)}.line${line}.${extension}`),
      // `export {}` makes the block a module: its names stay its own and top-level await is allowed.
      code: `${match[3]}\nexport {}\n`,
      nocheck: (match[2] ?? '').split(/\s+/).includes('nocheck'),
    }
  })
}

const examples = readmes.flatMap((readme) => examplesOf(readme))
const checked = examples.filter((example) => !example.nocheck)

// Checked along with the others, to show that a wrong example fails and where it is reported, and
// that the Vite app's lint flags apply.
const canaryReadme = [
  '# Canary',
  '',
  '```ts',
  "import { createRunsClient } from '@runlens/client'",
  '',
  "createRunsClient({ baseUrl: '/v1' })",
  '```',
  '',
  '```ts nocheck',
  'not TypeScript',
  '```',
  '',
  '```sh',
  'npm test',
  '```',
  '',
  '```tsx',
  'function Unused() {',
  '  return <p>never rendered</p>',
  '}',
  '```',
].join('\n')
const canary = examplesOf('test/node/CANARY.md', canaryReadme)

/** The workspace's settings: tsconfig.json, with its `@runlens/source` condition. */
function workspaceOptions(): ts.CompilerOptions {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
      },
    },
  )
  if (!config) throw new Error('tsconfig.json could not be read')
  return { ...config.options, noEmit: true, incremental: false }
}

// A new Vite react-ts app, as `npm create vite@latest -- --template react-ts` writes it: the
// compilerOptions of create-vite 9.3.0's template-react-ts (read from the package the npm registry
// serves; only tsBuildInfoFile is left out): tsconfig.app.json, for src/. The examples that are Node
// code (a server, process.env) would go to the app's Node side, tsconfig.node.json, whose lint
// flags are the same; in one program the Node types that the simulator's sources bring in are
// global anyway, so this check does not tell browser code from Node code.
const viteAppJson = {
  target: 'es2023',
  lib: ['ES2023', 'DOM'],
  module: 'esnext',
  types: ['vite/client'],
  allowArbitraryExtensions: true,
  skipLibCheck: true,
  moduleResolution: 'bundler',
  allowImportingTsExtensions: true,
  verbatimModuleSyntax: true,
  moduleDetection: 'force',
  noEmit: true,
  jsx: 'react-jsx',
  noUnusedLocals: true,
  noUnusedParameters: true,
  erasableSyntaxOnly: true,
  noFallthroughCasesInSwitch: true,
}
/**
 * The template targets TypeScript 7 (`typescript: ~7.0.2`), whose defaults differ from those of
 * the TypeScript 5.9 that runs this test: `strict` and `noUncheckedSideEffectImports` are on, and
 * lib "DOM" holds the iterable and async-iterable DOM types (checked with tsc 7.0.2 on a file that
 * iterates Headers and a ReadableStream). They are spelt out here, so the check is no laxer than a
 * user's: the READMEs' blocks pasted into src/ of such an app, tsc 7.0.2 with the template's own
 * tsconfig.app.json reported the same diagnostics as this check (2026-12-03: 18 unused names,
 * since fixed, and nothing else). The examples resolve the workspace sources (`@runlens/source`), as in the workspace: the
 * published types are built from them, and a stale dist/ must not decide the result.
 */
function viteAppOptions(): ts.CompilerOptions {
  const { options, errors } = ts.convertCompilerOptionsFromJson(viteAppJson, root)
  if (errors.length > 0) throw new Error(ts.flattenDiagnosticMessageText(errors[0]?.messageText, '\n'))
  const lib = options.lib?.flatMap((file) =>
    file === 'lib.dom.d.ts' ? [file, 'lib.dom.iterable.d.ts', 'lib.dom.asynciterable.d.ts'] : [file],
  )
  return {
    ...options,
    ...(lib ? { lib } : {}),
    strict: true,
    noUncheckedSideEffectImports: true,
    customConditions: ['@runlens/source'],
    incremental: false,
  }
}

/** Line-numbered diagnostics of each example, by name. */
type Results = Map<string, string[]>

/** Type-checks every example in one program (the workspace sources are read once). */
function typeCheck(list: Example[], options: ts.CompilerOptions): Results {
  const virtual = new Map(list.map((example) => [example.file, example.code]))
  const host = ts.createCompilerHost(options, true)
  const { fileExists, readFile, getSourceFile } = host
  host.fileExists = (file) => virtual.has(file) || fileExists.call(host, file)
  host.readFile = (file) => virtual.get(file) ?? readFile.call(host, file)
  host.getSourceFile = (file, languageVersion, onError, shouldCreate) => {
    const code = virtual.get(file)
    if (code === undefined) return getSourceFile.call(host, file, languageVersion, onError, shouldCreate)
    return ts.createSourceFile(file, code, languageVersion, true)
  }
  const program = ts.createProgram({ rootNames: [...virtual.keys()], options, host })
  const results = new Map<string, string[]>()
  for (const example of list) {
    const source = program.getSourceFile(example.file)
    if (!source) throw new Error(`${example.name}: not in the program`)
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ]
    results.set(
      example.name,
      diagnostics.map((diagnostic) => {
        const { line } = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0)
        const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
        return `${example.readme}:${example.firstLine + line}: TS${diagnostic.code} ${message}`
      }),
    )
  }
  return results
}

describe('README examples', () => {
  const list = [...checked, ...canary.filter((example) => !example.nocheck)]
  let workspace: Results = new Map()
  let viteApp: Results = new Map()
  beforeAll(() => {
    workspace = typeCheck(list, workspaceOptions())
    viteApp = typeCheck(list, viteAppOptions())
  }, 60_000)

  test('a wrong example fails, at its README line; nocheck and other languages are left out', () => {
    expect(canary.map(({ name, nocheck }) => ({ name, nocheck }))).toEqual([
      { name: 'test/node/CANARY.md:3', nocheck: false },
      { name: 'test/node/CANARY.md:9', nocheck: true },
      { name: 'test/node/CANARY.md:17', nocheck: false },
    ])
    for (const results of [workspace, viteApp]) {
      const [diagnostic, ...more] = results.get('test/node/CANARY.md:3') ?? []
      expect(more).toEqual([])
      expect(diagnostic).toMatch(/^test\/node\/CANARY\.md:6: TS2561 .*'baseUrl'.*'baseURL'/)
    }
  })

  test("an unused function passes the workspace's settings, not a Vite app's", () => {
    expect(workspace.get('test/node/CANARY.md:17')).toEqual([])
    expect(viteApp.get('test/node/CANARY.md:17')).toEqual([
      "test/node/CANARY.md:18: TS6133 'Unused' is declared but its value is never read.",
    ])
  })

  test('every README has TypeScript examples, and few opt out', () => {
    for (const readme of readmes) {
      expect(
        checked.some((example) => example.readme === readme),
        readme,
      ).toBe(true)
    }
    expect(examples.filter((example) => example.nocheck).length).toBeLessThanOrEqual(
      Math.floor(examples.length / 10),
    )
  })

  test.each(checked.map((example) => [example.name]))(
    "%s compiles under the workspace's settings",
    (name) => {
      expect(workspace.get(name)).toEqual([])
    },
  )

  test.each(checked.map((example) => [example.name]))('%s compiles in a new Vite react-ts app', (name) => {
    expect(viteApp.get(name)).toEqual([])
  })
})
