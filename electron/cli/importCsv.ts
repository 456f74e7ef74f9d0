// `import-csv`: another system's call log, brought in as ordinary Beacon operations.
import { readFileSync } from 'node:fs';
import { decodeExport, importCsv, previewCsv } from '../core/import/importCsv';
import { MappingError, parseMapping, type ImportMapping } from '../core/import/mapping';
import { intOption } from './args';
import { prepare, type Command } from './prepare';

/** A file's bytes, or an error that names it in words rather than a raw ENOENT. */
function readInput(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new Error(`cannot read ${file}: ${why}`, { cause: err });
  }
}

function readMapping(file: string): ImportMapping {
  const bytes = readInput(file);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (err) {
    throw new Error(`${file}: not readable JSON (${(err as Error).message})`, { cause: err });
  }
  return parseMapping(json);
}

/** Mapping problems in words for IT staff; the core's codes stay for the app's translations. */
function explain(err: MappingError, mappingFile: string): Error {
  const p = err.params ?? {};
  const cause = { cause: err };
  switch (err.code) {
    case 'import.badMapping': return new Error(`${mappingFile}: ${p.problems}`, cause);
    case 'import.unknownColumn': return new Error(`the file has no column "${p.column}" (its columns: ${p.columns})`, cause);
    case 'import.badEncoding': return new Error(p.encoding === 'UTF-16'
      ? 'the file is UTF-16 text, but broken (an odd number of bytes or a lone surrogate): export it again'
      : `the file is not valid ${p.encoding} text; set "encoding" in the mapping (e.g. "windows-1256" for older Arabic Excel)`, cause);
    default: return err;
  }
}

export const importCsvCommand: Command = {
  summary: 'import-csv <file> --mapping <mapping.json> [--preview N] [--time-zone Z]   another system\'s call log as incidents; re-importing adds only new calls',
  async run(core, args, out, err) {
    const file = args.positional[0];
    const mappingFile = args.options.get('mapping');
    if (!file || !mappingFile) throw new Error('import-csv needs a file and --mapping <mapping.json>');
    try {
      const mapping = readMapping(mappingFile);
      const text = decodeExport(readInput(file), mapping);
      const operatorId = await prepare(core, args);
      if (args.options.has('preview')) {
        out(JSON.stringify(await previewCsv(core.context, text, mapping, intOption(args, 'preview', 20, 1, 1000)), null, 2));
        return;
      }
      let lastReport = performance.now();
      const result = await importCsv(core.context, operatorId, text, mapping, ({ rows, incidents, rejected }) => {
        const now = performance.now();
        if (now - lastReport > 1000) {
          err(`… ${rows} rows read, ${incidents} incidents, ${rejected} rows rejected`);
          lastReport = now;
        }
      });
      err(`imported ${result.imported}, calls added to incidents already there ${result.callsAdded}, already there ${result.skippedAsAlreadyImported}, warnings ${result.warnings.length}, rejected ${result.rejected.length}`);
      out(JSON.stringify(result));
    } catch (e) {
      throw e instanceof MappingError ? explain(e, mappingFile) : e;
    }
  },
};
