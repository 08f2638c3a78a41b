/** The conformance suite (conformance.ts) on embedded DuckDB. */
import { defineConformance } from './conformance.js';
import { duckdbTarget } from './targets.js';

defineConformance(duckdbTarget());
