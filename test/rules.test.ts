// Every rule's valid and invalid cases, run by the one RuleTester (ESLint semantics: valid cases
// produce nothing, invalid ones exactly the listed errors by messageId + pointer, fixes their output).
import { describe, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { RuleTester } from '../src/lint/rule-tester.js';

const tester = new RuleTester({ describe, it });
for (const rule of Object.values(RULES)) tester.run(rule);
