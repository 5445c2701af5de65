// What a build and the generated types are made from, in one place: `npm start` rebuilds when a
// build input changed since the build it would serve, and the build skips Sanity TypeGen when no
// input of the types changed since the committed ones were written.
import {createHash} from 'node:crypto'
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'

/** The sources of `next build`. The bundled dataset is read at run time (the server watches it): not an input. */
export const BUILD_INPUTS = {
  include: [
    'app',
    'lib',
    'sanity',
    'public',
    'next.config.ts',
    'proxy.ts',
    'instrumentation.ts',
    'tsconfig.json',
    'package-lock.json',
    'sanity.config.ts',
    'sanity.cli.ts',
  ],
  exclude: ['sanity/seed'],
}

/** The sources of the generated types: the schema (and what it is built from), the queries, and TypeGen's own version. */
export const TYPEGEN_INPUTS = {
  include: [
    'sanity/schemaTypes',
    'sanity/config.ts',
    'sanity.config.ts',
    'sanity.cli.ts',
    'lib/content/queries.ts',
    'lib/content/vocabulary.ts',
    'lib/i18n/locales.ts',
    'node_modules/sanity/package.json',
  ],
  exclude: [],
}

/** Where the hash of the build's inputs is kept, beside its BUILD_ID. */
export const BUILD_INPUTS_FILE = 'BUILD_INPUTS'
/** Where a build records its deployment id, beside its BUILD_ID: next.config.ts reads it back to serve the build. */
export const DEPLOYMENT_ID_FILE = 'DEPLOYMENT_ID'
/** The hash of the inputs the committed types were generated from. */
export const TYPEGEN_HASH_FILE = 'lib/content/sanity.types.inputs'

function files(path, exclude) {
  if (!existsSync(path) || exclude.some((skipped) => path === skipped || path.startsWith(`${skipped}/`))) return []
  if (!statSync(path).isDirectory()) return [path]
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name), exclude))
}

/** One hash of every input file's path and bytes. */
export function hashInputs({include, exclude}, root = process.cwd()) {
  const hash = createHash('sha256')
  for (const file of include.flatMap((path) =>
    files(
      join(root, path),
      exclude.map((skipped) => join(root, skipped)),
    ),
  )) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0')
  }
  return hash.digest('hex')
}
