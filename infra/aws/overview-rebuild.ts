import { rebuildCounters } from '../../shared/overview/rebuild.ts';
import { withOperatorTable } from './operator-table.ts';

/**
 * `npm run overview:rebuild`: recomputes the overview's counters from the records (see
 * shared/overview/rebuild.ts), with the credentials of an operator:
 * TABLE_NAME=<table> AWS_REGION=<region> npm run overview:rebuild.
 */
const result = await withOperatorTable(({ db, tableName }) =>
  rebuildCounters({ db, config: { TABLE_NAME: tableName } }),
);
console.log(
  `${result.countries} countries rebuilt; ${result.itemsDiffering} counter items differed from the records; ${result.changedWhileReading} records changed while it read (run it again at a quieter moment if any did).`,
);
