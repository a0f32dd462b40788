/** `npm run vocab`: regenerate src/rdf/vocab.generated.ts from ontology/kamerstukken.ttl. */
import { writeFileSync } from 'node:fs';
import { packageFile } from '../src/package.js';
import { VOCAB_GENERATED_FILE, vocabSource } from '../src/rdf/vocab-gen.js';

const text = vocabSource();
writeFileSync(packageFile(VOCAB_GENERATED_FILE), text);
process.stdout.write(`${VOCAB_GENERATED_FILE}: ${text.split('\n').filter((l) => l.startsWith("  '")).length} kld terms\n`);
