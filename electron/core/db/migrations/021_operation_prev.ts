// Issue #21 item 1: an operation names the field's operations it replaced (oplog/fieldWinner.ts),
// so merges follow what each writer had seen rather than clocks alone. Null for creates and
// for operations from before this version, which merge by clock as they always did.
export const operationPrev = {
  version: 21,
  name: 'operation_prev',
  sql: `ALTER TABLE operations ADD COLUMN prev TEXT;`,
};
