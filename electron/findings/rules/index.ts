// The rule table: every rule the engine runs, in the order the report lists simultaneous findings.
// B2 (issue #6, rules) adds one import and one entry per rule here.
import type { Rule } from '../types';
import { nodeDarkRule } from './node-dark';

export const rules: readonly Rule[] = [nodeDarkRule];
