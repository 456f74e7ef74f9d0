// The time as the core is given it: tests and benchmarks pass their own.
export interface Clock {
  now(): number;
}
