// The READMEs are the first code a user copies: every ```ts and ```tsx block in README.md and
// packages/*/README.md is type-checked here, as a module of its own, against the workspace sources
// (the `@runlens/source` condition of tsconfig.json), so an example cannot drift from the API.
// A block that cannot compile by nature opts out on its fence: ```ts nocheck.
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

// Checked along with the others, to show that a wrong example fails and where it is reported.
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
].join('\n')
const canary = examplesOf('test/node/CANARY.md', canaryReadme)

/** Type-checks every example in one program (the workspace sources are read once). */
function typeCheck(list: Example[]): Map<string, string[]> {
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
  const options: ts.CompilerOptions = { ...config.options, noEmit: true, incremental: false }
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
  let results = new Map<string, string[]>()
  beforeAll(() => {
    results = typeCheck([...checked, ...canary.filter((example) => !example.nocheck)])
  }, 60_000)

  test('a wrong example fails, at its README line; nocheck and other languages are left out', () => {
    expect(canary.map(({ name, nocheck }) => ({ name, nocheck }))).toEqual([
      { name: 'test/node/CANARY.md:3', nocheck: false },
      { name: 'test/node/CANARY.md:9', nocheck: true },
    ])
    const [diagnostic, ...more] = results.get('test/node/CANARY.md:3') ?? []
    expect(more).toEqual([])
    expect(diagnostic).toMatch(/^test\/node\/CANARY\.md:6: TS2561 .*'baseUrl'.*'baseURL'/)
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

  test.each(checked.map((example) => [example.name]))('%s compiles', (name) => {
    expect(results.get(name)).toEqual([])
  })
})
