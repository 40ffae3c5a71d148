// Daily signal-to-noise statistics of a GNSS station, per constellation, as CSV on stdout.
//   node daily-snr-csv.mjs <graphql-url> <station> <from-day> <to-day>
//   node daily-snr-csv.mjs http://localhost:4000/graphql CEDA 2024-01-01 2024-02-01 > ceda.csv
// Days are GPS days; <to-day> is exclusive.
import { createRadomeClient } from '@radome/sdk';

const [url, station, fromDay, toDay] = process.argv.slice(2);
if (!url || !station || !fromDay || !toDay) {
  console.error('usage: node daily-snr-csv.mjs <graphql-url> <station> <from-day> <to-day>');
  process.exit(2);
}

const client = createRadomeClient({ url });
const result = await client.snrSeries({
  station,
  from: `${fromDay}T00:00:00Z`,
  to: `${toDay}T00:00:00Z`,
  interval: 'P1D',
  groupBy: ['CONSTELLATION'],
});
if (result.error) {
  // kind is network, http, graphql or abort; GraphQL errors carry codes such as BAD_USER_INPUT.
  console.error(`radome: ${result.error.kind} error: ${result.error.message}`);
  process.exit(1);
}

const rows = [['day', 'constellation', 'count', 'mean_dbhz', 'min_dbhz', 'max_dbhz', 'stddev_dbhz']];
for (const p of result.data.snrSeries.points) {
  rows.push([p.start.slice(0, 10), p.constellation ?? '', p.count, p.mean.toFixed(2), p.min.toFixed(2), p.max.toFixed(2), p.stddev.toFixed(2)]);
}
process.stdout.write(rows.map((r) => r.join(',')).join('\n') + '\n');
