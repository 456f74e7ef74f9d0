export const en = { error: { unexpected: 'Something went wrong. Nothing was saved.' } } as const;
