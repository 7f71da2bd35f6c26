import { runnerSuite } from './runnerSuite.test-helpers.js';
import { postgresStores } from './runner.test-helpers.js';

// Two stores on one schema are two nodes sharing one jobs table.
runnerSuite('postgres', postgresStores);
