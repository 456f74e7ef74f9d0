import { useEffect, useState } from 'react';

/** The current time, ticking once a second: ages and clocks update without asking the core. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
