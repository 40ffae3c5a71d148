// Run by scripts/emit-schema.mjs through vite-node: type-graphql classes are TypeScript.
import { emitRadomeSchema } from '../server/schema.js';

const target = process.argv[2];
if (!target) throw new Error('usage: emit-schema.ts <output path>');
await emitRadomeSchema(target);
