#!/usr/bin/env node
// `npm run typegen`: regenerates the query result types (lib/content/sanity.types.ts) from the
// schema and the queries, offline and without a login, and records what they were made from.
import {requireSupportedNode, typegen} from './runtime.mjs'

requireSupportedNode()
process.exit(typegen() ? 0 : 1)
