// Issue #21 item 5: the log's row index without the clock. Row ids are random, so every
// operation a catch-up stores lands at a random place in this index and each batch rewrites
// most of its pages; the 37 bytes of HLC made each entry half as large again (a pull of
// 100,000 operations: 8-17 % faster without). What needs a field's writes in clock order
// (the audit trail's before value, the conflicts view's next edit) reads that field's writes
// through (row_id, field) and orders them itself: a few writes a field, a page at a time.
export const rowIndex = {
  version: 23,
  name: 'row_index',
  sql: `DROP INDEX operations_row_field;
CREATE INDEX operations_row_field ON operations (row_id, field);`,
};
