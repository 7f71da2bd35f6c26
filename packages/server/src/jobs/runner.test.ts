import { runnerSuite } from './runnerSuite.test-helpers.js';
import { sqliteStores } from './runner.test-helpers.js';

runnerSuite('sqlite', sqliteStores);
