// `export`: what partners receive, from the command line. HXL and GeoJSON stream a period's
// incidents page by page (to standard output, or whole-or-nothing to --out); CAP writes one
// alert message, named by its identifier or as the newest of an incident's.
import { renameSync, writeFileSync } from 'node:fs';
import { LANGUAGES, type Language } from '../../shared/domain';
import { HXL_TABLES, type HxlTable } from '../../shared/exchange';
import { alertMessageXml, findAlertMessage } from '../core/exchange/alerts';
import { writeReport, writeReportFile } from '../core/exchange/exchangeFiles';
import { streamSink } from '../core/exchange/textSink';
import { requirePost } from '../core/setup/setup';
import { prepare, type Command } from './prepare';

const FORMATS = ['cap', 'hxl', 'geojson'] as const;

export const exportCommand: Command = {
  summary: 'export --format hxl|geojson --from YYYY-MM-DD --to YYYY-MM-DD [--table district|type|day] [--language ar|en] [--out <file>]   a period\'s incidents for partners (streamed; standard output without --out), or with --table (HXL) a statistics table\n'
    + '  export --format cap (--alert <identifier> | --incident <number>) [--out <file>]   one public alert as a CAP 1.2 message',
  async run(core, args, out) {
    const format = args.options.get('format');
    if (!format || !(FORMATS as readonly string[]).includes(format)) throw new Error('export needs --format cap, hxl or geojson');
    await prepare(core, args);
    const file = args.options.get('out');
    if (format === 'cap') {
      const identifier = args.options.get('alert');
      const incidentNumber = args.options.get('incident');
      if (!identifier === !incidentNumber) throw new Error('export --format cap needs --alert <identifier> or --incident <number>');
      const messageId = await findAlertMessage(core.store.reader, identifier ? { identifier } : { incidentNumber: incidentNumber! });
      if (!messageId) throw new Error(identifier ? `no alert ${identifier}` : `no alert for incident ${incidentNumber}`);
      const { xml } = await alertMessageXml(core.store.reader, messageId, requirePost(core.context.settings).post.name);
      if (!file) {
        process.stdout.write(xml);
        return;
      }
      writeFileSync(`${file}.part`, xml, 'utf8');
      renameSync(`${file}.part`, file);
      out(JSON.stringify({ file }));
      return;
    }
    const from = args.options.get('from');
    const to = args.options.get('to');
    if (!from || !to) throw new Error(`export --format ${format} needs --from and --to (local dates, --to included)`);
    const language = (args.options.get('language') ?? 'en') as Language;
    if (!LANGUAGES.includes(language)) throw new Error('--language must be ar or en');
    const table = (args.options.get('table') ?? 'incidents') as HxlTable;
    if (!HXL_TABLES.includes(table) || (format !== 'hxl' && table !== 'incidents')) throw new Error('--table (HXL only) must be district, type or day');
    const period = { from, to };
    if (file) {
      const rows = await writeReportFile(core.context, format as 'hxl' | 'geojson', period, language, file, table);
      out(JSON.stringify({ file, rows }));
      return;
    }
    try {
      await writeReport(core.context, format as 'hxl' | 'geojson', period, language, streamSink(process.stdout, false), table);
    } catch (err) {
      // The reader went away (`| head`): what it wanted was written; nothing to report.
      if ((err as NodeJS.ErrnoException).code !== 'EPIPE') throw err;
    }
  },
};
