// Child process of bundle-streaming.test.ts, run with a small V8 heap: exports a whole archive
// into a bundle and imports it again, reporting the peak heap and resident size it saw. Were a
// bundle ever held whole, the heap limit would end this process.
import { Archive, exportBundle, importBundle } from '../../electron/archive';

const [archiveDirectory, outFile, importDirectory] = process.argv.slice(2) as [
  string,
  string,
  string,
];
let peakHeapBytes = 0;
const sample = () => {
  peakHeapBytes = Math.max(peakHeapBytes, process.memoryUsage().heapUsed);
};
const timer = setInterval(sample, 2);

const archive = Archive.open({ directory: archiveDirectory, readOnly: true });
const range = { fromMs: 0, toMs: Date.parse('2100-01-01T00:00:00Z'), outFile };
const exported = await exportBundle(archive, range, sample);
archive.close();
const imported = await importBundle(outFile, importDirectory, sample);
clearInterval(timer);
sample();
process.stdout.write(
  `${JSON.stringify({
    peakHeapBytes,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    bundleBytes: exported.bytes,
    exportedRecords: exported.records,
    importedRecords: imported.records,
  })}\n`,
);
