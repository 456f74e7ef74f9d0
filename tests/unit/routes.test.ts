// The renderer's route table (renderer/src/routes.tsx): which screen a hash shows to which role,
// and which links the header offers. The role only hides (the core refuses the channels), but a
// screen must not open for a role its nav link is hidden from.
import { describe, expect, it, vi } from 'vitest';

type Role = 'operator' | 'supervisor' | 'administrator';
interface Route { path: string; role: Role; under?: string; whole?: boolean }
interface RoutesModule {
  ROUTES: readonly Route[];
  routeOf: (hash: string, role: Role) => { route: Route; param: string };
  navOf: (role: Role) => readonly Route[];
}

// The screens' modules read the page address when loaded; the table itself needs no browser.
// A path in a variable keeps the node typecheck (no DOM, no JSX) out of the renderer's files;
// the renderer's own typecheck covers the table.
vi.stubGlobal('window', { location: { search: '', hash: '' } });
const ROUTES_MODULE = '../../renderer/src/routes';
const { navOf, routeOf, ROUTES } = (await import(ROUTES_MODULE)) as RoutesModule;

const ID = '0b9f7c1e-4a7d-4c55-9a43-2f6f1b0c9e11';

describe('the route table', () => {
  it('declares each path once', () => {
    const paths = ROUTES.map((r) => r.path);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('opens each screen by its hash, with its parameter', () => {
    expect(routeOf(`#/incident/${ID}`, 'operator')).toMatchObject({ route: { path: '#/incident' }, param: ID });
    expect(routeOf('#/print/summary?shift=2026-12-07T06:00', 'supervisor')).toMatchObject({ route: { path: '#/print/summary', whole: true }, param: 'shift=2026-12-07T06:00' });
    expect(routeOf('#/import', 'supervisor')).toMatchObject({ route: { path: '#/import', under: '#/stats' } });
    expect(routeOf('#/wall', 'operator').route.whole).toBe(true);
  });

  it('shows the queues for an unknown hash, a malformed id, or a screen above the role', () => {
    for (const hash of ['', '#/', '#/nowhere', '#/incident/not-an-id', `#/incident/${ID}/x`, '#/roster2']) {
      expect(routeOf(hash, 'administrator').route.path).toBe('#/');
    }
    expect(routeOf('#/backup', 'supervisor').route.path).toBe('#/');
    expect(routeOf('#/backup', 'administrator').route.path).toBe('#/backup');
    for (const hash of ['#/stats', '#/import', '#/audit', '#/organisation', '#/sync', '#/print/summary?x=1']) {
      expect(routeOf(hash, 'operator').route.path).toBe('#/');
    }
  });

  it('offers each role the links it may follow, in order', () => {
    expect(navOf('operator').map((r) => r.path)).toEqual(['#/', '#/roster', '#/wall']);
    expect(navOf('supervisor').map((r) => r.path)).toEqual(['#/', '#/roster', '#/organisation', '#/stats', '#/summary', '#/audit', '#/conflicts', '#/sync', '#/wall']);
    expect(navOf('administrator').map((r) => r.path)).toContain('#/backup');
  });
});
