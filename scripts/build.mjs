#!/usr/bin/env node
// `npm run build`: the generated types when the schema or the queries changed, then `next build`.
import {nextBuild, requireSupportedNode, typegenIfChanged} from './runtime.mjs'

requireSupportedNode()
process.exit(typegenIfChanged() && nextBuild() ? 0 : 1)
