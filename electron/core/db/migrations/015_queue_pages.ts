// A page deep in a queue (a flare-up puts thousands of calls in one) was read by loading every
// row of the queue, counting each one's calls and sorting them all, then skipping to the page:
// 9 ms for the last page of 5,000. With the whole sort key and the filters in the index, the
// page's row ids are picked from the index alone and only its rows are loaded (queries.ts).
export const queuePages = {
  version: 15,
  name: 'queue pages',
  sql: `
DROP INDEX incidents_queue;
CREATE INDEX incidents_queue ON incidents (status, priority, received_at, number, district, type);
`,
};
